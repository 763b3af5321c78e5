package dev.tokenwarden.notifier.domain;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR block, IPv4 or IPv6: {@code 10.0.0.0/8}, {@code fc00::/7}, or one address. */
public record AddressRange(InetAddress network, int prefixLength) {

    public AddressRange {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix /" + prefixLength + " does not fit " + network.getHostAddress());
        }
    }

    /** Parses a literal address or block; never consults DNS. */
    public static AddressRange parse(String cidr) {
        String text = cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.]+") || !(address.contains(".") || address.contains(":"))) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block");
        }
        try {
            InetAddress network = InetAddress.getByName(address);
            int bits = network.getAddress().length * 8;
            return new AddressRange(network, slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1)));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address or CIDR block");
        }
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        byte[] base = network.getAddress();
        if (candidate.length != base.length) {
            return false;
        }
        int bits = base.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefixLength).subtract(BigInteger.ONE));
        return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, base).and(mask));
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
