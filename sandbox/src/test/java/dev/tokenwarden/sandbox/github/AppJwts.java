package dev.tokenwarden.sandbox.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/** App JWTs as a GitHub App signs them (RS256 with its private key), for tests that call the simulator over raw HTTP. */
final class AppJwts {
    private AppJwts() {
    }

    static String sign(SimulatedApp app, String issuer, Instant issuedAt, Instant expiresAt) throws GeneralSecurityException {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String signingInput = encoder.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + encoder.encodeToString(("{\"iat\":" + issuedAt.getEpochSecond() + ",\"exp\":" + expiresAt.getEpochSecond()
                        + ",\"iss\":\"" + issuer + "\"}").getBytes(StandardCharsets.UTF_8));
        String pem = app.privateKeyPkcs8Pem().replaceAll("-----[A-Z ]+-----", "");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem))));
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + encoder.encodeToString(signature.sign());
    }
}
