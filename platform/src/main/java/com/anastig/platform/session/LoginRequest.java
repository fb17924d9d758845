package com.anastig.platform.session;

/**
 * {@code POST /api/v1/session}: e-mail and password (and a second factor when the account has MFA),
 * or, as the second step, the {@code mfaToken} from the {@code mfa_required} answer with a code.
 */
public record LoginRequest(String email, String password, String totp, String recoveryCode, String mfaToken) {
    @Override
    public String toString() {
        return "LoginRequest[***]";
    }
}
