package dev.tokenwarden.notifier.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether the notifier may call a URL, on the address the host resolves to rather than its text:
 * loopback, link-local (the cloud metadata service at 169.254.169.254 included), private, CGNAT, unique-local,
 * multicast and reserved addresses are refused unless an allow-listed block holds them. Numeric host forms
 * that C resolvers accept ({@code 2852039166}, {@code 0xA9FEA9FE}, {@code 0251.0376.0251.0376},
 * {@code 169.254.43518}) are read as the addresses they mean, and IPv4-mapped, -compatible and NAT64 IPv6
 * addresses are judged by their IPv4 part, as are 6to4 addresses ({@code 2002:a9fe:a9fe::}); Teredo's
 * {@code 2001::/32}, whose IPv4 part is obscured, is refused outright. Every address the name resolves to must pass, and the caller
 * connects to the one returned, so a second lookup cannot swap in another.
 */
public final class OutboundTargetGuard {
    private static final List<AddressRange> REFUSED = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "2001:db8::/32", "2001::/32", "100::/64")
            .stream().map(AddressRange::parse).toList();
    private static final AddressRange NAT64 = AddressRange.parse("64:ff9b::/96");
    private static final AddressRange IPV4_COMPATIBLE = AddressRange.parse("::/96");
    private static final AddressRange SIX_TO_FOUR = AddressRange.parse("2002::/16");
    private static final Pattern AUTHORITY =
            Pattern.compile("(?:\\[([0-9a-fA-F:.]+)\\]|([^:\\[\\]]+))(?::([0-9]{1,5}))?");

    /** Name resolution, replaceable so tests can make a name resolve to any address. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));
    }

    /** A URL that passed, with the address to connect to. */
    public record CheckedTarget(URI uri, String host, InetAddress address, int port, boolean tls) {
    }

    /** Why a URL was refused; the message names the URL's host and the rule, never a query string or secret. */
    public static final class RefusedTargetException extends Exception {
        public RefusedTargetException(String message) {
            super(message, null, false, false);
        }
    }

    private final Resolver resolver;
    private final List<AddressRange> allowed;

    public OutboundTargetGuard(Resolver resolver, List<AddressRange> allowed) {
        this.resolver = resolver;
        this.allowed = List.copyOf(allowed);
    }

    public CheckedTarget check(URI uri) throws RefusedTargetException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new RefusedTargetException("only http and https targets are allowed, not '" + scheme + "'");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isBlank()) {
            throw new RefusedTargetException("target URL has no host");
        }
        if (authority.contains("@")) {
            throw new RefusedTargetException("a target URL may not carry user information");
        }
        // java.net.URI leaves the host null for numeric forms like 2852039166, so read the authority itself.
        java.util.regex.Matcher hostAndPort = AUTHORITY.matcher(authority);
        if (!hostAndPort.matches()) {
            throw new RefusedTargetException("target URL's authority is not host[:port]");
        }
        String bareHost = hostAndPort.group(1) != null ? hostAndPort.group(1) : hostAndPort.group(2);
        List<InetAddress> addresses;
        Optional<InetAddress> numeric = numericIpv4(bareHost);
        try {
            if (hostAndPort.group(1) != null) {
                addresses = List.of(InetAddress.getByName(bareHost));
            } else {
                addresses = numeric.isPresent() ? List.of(numeric.get()) : resolver.resolve(bareHost);
            }
        } catch (UnknownHostException e) {
            throw new RefusedTargetException("host " + bareHost + " does not resolve");
        }
        if (addresses.isEmpty()) {
            throw new RefusedTargetException("host " + bareHost + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(address);
            if (refusal.isPresent()) {
                throw new RefusedTargetException("host " + bareHost + " resolves to " + address.getHostAddress()
                        + ", " + refusal.get() + ", which is not allow-listed");
            }
        }
        boolean tls = scheme.equals("https");
        int port = hostAndPort.group(3) != null ? Integer.parseInt(hostAndPort.group(3)) : tls ? 443 : 80;
        return new CheckedTarget(uri, bareHost, addresses.get(0), port, tls);
    }

    private Optional<String> refusal(InetAddress address) {
        if (allowed.stream().anyMatch(r -> r.contains(address))) {
            return Optional.empty();
        }
        Optional<InetAddress> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            return refusal(embedded.get()).map(reason -> "which embeds " + embedded.get().getHostAddress() + " " + reason);
        }
        return REFUSED.stream().filter(r -> r.contains(address)).findFirst().map(r -> "in refused block " + r);
    }

    /** The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), -compatible, NAT64 or 6to4 IPv6 address. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        if (SIX_TO_FOUR.contains(address)) {
            return Optional.of(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
        }
        boolean mapped = Arrays.equals(Arrays.copyOf(bytes, 12), new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1});
        boolean compatible = IPV4_COMPATIBLE.contains(address) && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0);
        if (!mapped && !compatible && !NAT64.contains(address)) {
            return Optional.empty();
        }
        return Optional.of(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
    }

    private static InetAddress ipv4(byte[] fourBytes) {
        try {
            return Inet4Address.getByAddress(fourBytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /**
     * Reads the numeric IPv4 forms of inet_aton: one to four parts, each decimal, octal (leading 0) or hex
     * ({@code 0x}), the last part filling the remaining bytes. Empty if {@code host} is not such a form.
     */
    static Optional<InetAddress> numericIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4 || !host.matches("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*")) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].toLowerCase(Locale.ROOT);
            try {
                values[i] = part.startsWith("0x") ? (part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16))
                        : part.length() > 1 && part.startsWith("0") ? Long.parseLong(part.substring(1), 8) : Long.parseLong(part);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        long value = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xFF) {
                return Optional.empty();
            }
            value |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return Optional.empty();
        }
        value |= last;
        return Optional.of(ipv4(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value}));
    }
}
