package com.anastig.tenantconfig;

import java.util.regex.Pattern;

/** Host spelling rules shared by endpoint validation and the address policy. */
final class HostSyntax {
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(0[xX][0-9a-fA-F]*|\\d+)");

    private HostSyntax() {
    }

    /** A canonical dotted quad: four decimal parts 0-255 without leading zeros. */
    static boolean isIpv4Literal(String host) {
        return IPV4.matcher(host).matches();
    }

    /** An IPv6 literal without brackets or zone id. */
    static boolean isIpv6Literal(String host) {
        return host.length() <= 45 && IPV6.matcher(host).matches();
    }

    /**
     * Why a DNS host name is refused, or null. A last label that is numeric is refused: URL parsers
     * read such names as IPv4 in shorthand ({@code 127.1}, {@code 0x7f.1}, {@code 2130706433}).
     */
    static String nameProblem(String host) {
        if (host.isEmpty() || host.length() > 253) {
            return "the host name is empty or longer than 253 characters";
        }
        if (host.endsWith(".")) {
            return "the host name must not end with a dot";
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return "the host name must be letters, digits and hyphens in dot-separated labels";
            }
        }
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return "a numeric host must be a dotted-quad IPv4 address";
        }
        return null;
    }
}
