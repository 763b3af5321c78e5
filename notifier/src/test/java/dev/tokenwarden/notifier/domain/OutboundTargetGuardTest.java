package dev.tokenwarden.notifier.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundTargetGuardTest {
    /** A resolver that knows only these names, so no test depends on DNS. */
    static final OutboundTargetGuard.Resolver NAMES = host -> {
        Map<String, String> names = Map.of(
                "hooks.example.com", "93.184.216.34",
                "internal.example.com", "10.1.2.3",
                "rebind.example.com", "169.254.169.254",
                "localhost", "127.0.0.1",
                "v6.example.com", "::ffff:192.168.1.1",
                "metadata.v6.example.com", "::ffff:169.254.169.254",
                "cgnat.example.com", "100.100.100.200",
                "split.example.com", "93.184.216.34,10.0.0.7");
        String addresses = names.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        List<InetAddress> resolved = new java.util.ArrayList<>();
        for (String address : addresses.split(",")) {
            resolved.add(InetAddress.getByName(address));
        }
        return resolved;
    };

    final OutboundTargetGuard guard = new OutboundTargetGuard(NAMES, List.of());

    @ParameterizedTest
    @ValueSource(strings = {
            "http://169.254.169.254/latest/meta-data/",
            "http://2852039166/",
            "http://0xA9FEA9FE/",
            "http://0251.0376.0251.0376/",
            "http://169.254.43518/",
            "http://[::ffff:169.254.169.254]/",
            "http://[::ffff:a9fe:a9fe]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://localhost:8080/",
            "http://127.0.0.1/",
            "http://[::1]/",
            "http://0.0.0.0/",
            "http://10.0.0.5/",
            "http://172.16.3.4/",
            "http://192.168.0.1/",
            "http://100.64.1.1/",
            "http://[fc00::1]/",
            "http://[fd12:3456::1]/",
            "http://[fe80::1]/",
            "http://224.0.0.1/",
            "http://internal.example.com/hook",
            "http://rebind.example.com/",
            "http://v6.example.com/",
            "http://metadata.v6.example.com/latest/meta-data/",
            "http://cgnat.example.com/",
            "http://split.example.com/",
            "http://0xa9.0xfe.0xa9.0xfe/",
            "http://0xa9.16689662/",
            "http://169.254.169.254:80/",
            "https://[::ffff:7f00:1]:8443/",
            "http://[::a9fe:a9fe]/",
            "http://[2002:a9fe:a9fe::1]/",
            "http://[2002:7f00:1::]/",
            "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
            "http://[fd00:ec2::254]/",
            "http://127.1/",
            "http://0/",
            "http://100.127.255.254/"})
    void refusesInternalTargetsWhateverTheirSpelling(String url) {
        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(OutboundTargetGuard.RefusedTargetException.class)
                .hasMessageContaining("not allow-listed");
    }

    @Test
    void refusesOtherSchemesUserInfoAndUnknownHosts() {
        assertThatThrownBy(() -> guard.check(URI.create("file:///etc/passwd"))).hasMessageContaining("only http and https");
        assertThatThrownBy(() -> guard.check(URI.create("http://user:pw@hooks.example.com/"))).hasMessageContaining("user information");
        assertThatThrownBy(() -> guard.check(URI.create("https://nowhere.example.com/"))).hasMessageContaining("does not resolve");
    }

    @Test
    void acceptsAPublicAddressAndPinsIt() throws Exception {
        OutboundTargetGuard.CheckedTarget target = guard.check(URI.create("https://hooks.example.com/services/x"));
        assertThat(target.address().getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(target.host()).isEqualTo("hooks.example.com");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.tls()).isTrue();
    }

    @Test
    void anAllowListedBlockIsAccepted() throws Exception {
        OutboundTargetGuard local = new OutboundTargetGuard(NAMES, List.of(AddressRange.parse("127.0.0.1")));
        OutboundTargetGuard.CheckedTarget target = local.check(URI.create("http://localhost:8089/hook"));
        assertThat(target.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(target.port()).isEqualTo(8089);
        assertThatThrownBy(() -> local.check(URI.create("http://127.0.0.2/"))).hasMessageContaining("127.0.0.0/8");
    }

    @Test
    void aNameIsRefusedIfAnyOfItsAddressesIs() {
        assertThatThrownBy(() -> guard.check(URI.create("https://split.example.com/hook")))
                .hasMessageContaining("10.0.0.7").hasMessageContaining("10.0.0.0/8");
    }

    @Test
    void aPublic6to4AddressIsJudgedByItsIpv4Part() throws Exception {
        assertThat(guard.check(URI.create("http://[2002:5db8:d822::1]/")).address().getHostAddress()).startsWith("2002:5db8:d822");
    }

    @Test
    void readsNumericHostsAsCResolversDo() {
        assertThat(OutboundTargetGuard.numericIpv4("2852039166")).map(InetAddress::getHostAddress).contains("169.254.169.254");
        assertThat(OutboundTargetGuard.numericIpv4("0x7f.1")).map(InetAddress::getHostAddress).contains("127.0.0.1");
        assertThat(OutboundTargetGuard.numericIpv4("hooks.example.com")).isEmpty();
        assertThat(OutboundTargetGuard.numericIpv4("1.2.3.4.5")).isEmpty();
        assertThat(OutboundTargetGuard.numericIpv4("256.1.1.1")).isEmpty();
    }
}
