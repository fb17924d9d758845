package com.anastig.plugin.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An e-mail address with an optional display name. Refuses CR, LF and other control characters in
 * either part, so no header can ever be injected through an address.
 */
public record MailAddress(String address, String displayName) {
    private static final Pattern ADDRESS = Pattern.compile("^[^\\s@<>\",;:()\\[\\]]+@[^\\s@<>\",;:()\\[\\]]+\\.[^\\s@<>\",;:()\\[\\]]+$");

    public MailAddress {
        Objects.requireNonNull(address, "address");
        if (address.length() > 254 || !ADDRESS.matcher(address).matches() || hasControl(address)) {
            throw ProviderException.invalidRequest("not a valid e-mail address");
        }
        if (displayName != null && (hasControl(displayName) || displayName.length() > 200)) {
            throw ProviderException.invalidRequest("display name contains a control character or is too long");
        }
        if (displayName != null && displayName.isBlank()) {
            displayName = null;
        }
    }

    public static MailAddress of(String address) {
        return new MailAddress(address, null);
    }

    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        // addresses are personal data: never print one in full
        int at = address.indexOf('@');
        return "MailAddress[***" + address.substring(at) + "]";
    }
}
