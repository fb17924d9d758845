package com.anastig.platform.session;

import com.anastig.platform.account.AccountRow;
import org.jdbi.v3.core.Handle;

/** Checks a TOTP code or a recovery code of an account with MFA, consuming it (a code never works twice). */
public interface SecondFactor {

    /** Whether the code is right; consumes it (in the caller's transaction) when it is. */
    boolean verify(Handle h, AccountRow account, String totp, String recoveryCode);
}
