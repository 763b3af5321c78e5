package dev.tokenwarden.broker.domain;

import static dev.tokenwarden.broker.domain.BrokerFixture.OVERLAP;
import static dev.tokenwarden.broker.domain.BrokerFixture.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenwarden.broker.domain.RotationResult.Outcome;
import dev.tokenwarden.events.CredentialKind;
import dev.tokenwarden.events.InventoryEntry;
import dev.tokenwarden.events.TokenRotated;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatRotationTest {
    private static final String PACKAGES_PATH = "github/write_packages/team-a/pkg-publisher";

    private final BrokerFixture broker = new BrokerFixture();
    private final InventoryEntry packages = entry("pkg-publisher", CredentialKind.CLASSIC_PAT, "write_packages");

    @Test
    void dueClassicPatWaitsForItsUploadThenRotatesUnderTheSchedulersRotationId() {
        assertThat(broker.due.handle(broker.dueFor(packages, "rot-1", 1)).outcome()).isEqualTo(Outcome.AWAITING_UPLOAD);
        assertThat(broker.github.mints()).isZero();

        Secret value = broker.github.pat("ghp_", inDays(80), Set.of("write:packages", "read:packages"));
        RotationResult result = broker.pats.upload("pkg-publisher", value);

        assertThat(result.outcome()).isEqualTo(Outcome.ROTATED);
        assertThat(result.rotationId()).isEqualTo("rot-1");
        StoredSecret stored = broker.store.current(PACKAGES_PATH).orElseThrow();
        assertThat(stored.data().token()).isEqualTo(value);
        assertThat(stored.data().expiresAt()).isEqualTo(inDays(80));
        assertThat(broker.events.last(TokenRotated.class).valueHash()).isEqualTo(value.sha256());
        assertThat(broker.pats.awaiting("pkg-publisher")).isEmpty();
        assertThat(broker.due.handle(broker.dueFor(packages, "rot-1", 1)).outcome()).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void aPatAwaitingItsUploadIsStillAwaitedAfterARestartAndRotatesUnderTheSchedulersRotationId() {
        broker.due.handle(broker.dueFor(packages, "rot-1", 1));

        BrokerFixture restarted = broker.restarted();

        assertThat(restarted.pats.awaiting("pkg-publisher")).get().extracting(RotationOrder::rotationId).isEqualTo("rot-1");
        assertThat(restarted.pats.awaitingIds()).containsExactly("pkg-publisher");
        Secret value = broker.github.pat("ghp_", inDays(80), Set.of("write:packages"));
        assertThat(restarted.pats.upload("pkg-publisher", value).rotationId()).isEqualTo("rot-1");
        assertThat(broker.store.all()).as("kept no longer").isEmpty();
        assertThat(restarted.restarted().pats.awaiting("pkg-publisher")).isEmpty();
    }

    @Test
    void theOldPatIsRevokedAfterTheOverlap() {
        broker.due.handle(broker.dueFor(packages, "rot-1", 1));
        Secret old = broker.github.pat("ghp_", inDays(80), Set.of("write:packages"));
        broker.pats.upload("pkg-publisher", old);
        broker.clock.advance(Duration.ofDays(60));
        broker.due.handle(broker.dueFor(packages, "rot-2", 1));
        broker.pats.upload("pkg-publisher", broker.github.pat("ghp_", inDays(85), Set.of("write:packages")));

        broker.clock.advance(OVERLAP);
        broker.revocations.sweep();

        assertThat(broker.github.revoked).containsExactly(old);
    }

    @Test
    void tooBroadScopesAreRefusedAndNothingIsStored() {
        broker.due.handle(broker.dueFor(packages, "rot-1", 1));
        Secret broad = broker.github.pat("ghp_", inDays(30), Set.of("write:packages", "repo", "admin:org"));

        assertThatThrownBy(() -> broker.pats.upload("pkg-publisher", broad))
                .isInstanceOfSatisfying(UploadRefused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(UploadRefused.Reason.DOES_NOT_FIT);
                    assertThat(refused.problems()).singleElement().asString()
                            .contains("[admin:org, repo]", "write_packages").doesNotContain(broad.reveal());
                });
        assertThat(broker.store.current(PACKAGES_PATH)).isEmpty();
        assertThat(broker.events.all).isEmpty();
        assertThat(broker.pats.awaiting("pkg-publisher")).isPresent();
    }

    @Test
    void expiryBeyondTheTiersLifetimeOrNoneAtAllIsRefused() {
        broker.due.handle(broker.dueFor(packages, "rot-1", 1));

        assertThatThrownBy(() -> broker.pats.upload("pkg-publisher", broker.github.pat("ghp_", inDays(91), Set.of("write:packages"))))
                .isInstanceOf(UploadRefused.class).hasMessageContaining("90 days");
        assertThatThrownBy(() -> broker.pats.upload("pkg-publisher", broker.github.pat("ghp_", null, Set.of("write:packages"))))
                .isInstanceOf(UploadRefused.class).hasMessageContaining("never expires");
    }

    @Test
    void fineGrainedPatIsCheckedForShapeAndExpiryAndGithubMustAcceptIt() {
        InventoryEntry fine = entry("reader", CredentialKind.FINE_GRAINED_PAT, "read");
        broker.due.handle(broker.dueFor(fine, "rot-1", 1));

        assertThatThrownBy(() -> broker.pats.upload("reader", broker.github.pat("ghp_", inDays(10), Set.of())))
                .isInstanceOf(UploadRefused.class).hasMessageContaining("start with github_pat_");
        assertThatThrownBy(() -> broker.pats.upload("reader", Secret.of(FakeGitHub.randomToken("github_pat_"))))
                .isInstanceOf(UploadRefused.class).hasMessageContaining("401");
        assertThat(broker.pats.upload("reader", broker.github.pat("github_pat_", inDays(170), null)).outcome())
                .isEqualTo(Outcome.ROTATED);
    }

    @Test
    void uploadsForUnknownCredentialsOrMintedKindsAreRefused() {
        Secret value = broker.github.pat("ghp_", inDays(10), Set.of());
        assertThatThrownBy(() -> broker.pats.upload("nobody", value))
                .isInstanceOfSatisfying(UploadRefused.class, r -> assertThat(r.reason()).isEqualTo(UploadRefused.Reason.UNKNOWN_CREDENTIAL));

        broker.due.handle(broker.dueFor(entry("app", CredentialKind.APP_INSTALLATION, "read"), "rot-1", 1));
        assertThatThrownBy(() -> broker.pats.upload("app", value))
                .isInstanceOfSatisfying(UploadRefused.class, r -> assertThat(r.reason()).isEqualTo(UploadRefused.Reason.NOT_A_PAT));
    }

    @Test
    void anEarlyUploadOfAKnownPatRotatesUnderARotationIdDerivedFromTheValue() {
        broker.due.handle(broker.dueFor(packages, "rot-1", 1));
        broker.pats.upload("pkg-publisher", broker.github.pat("ghp_", inDays(80), Set.of("write:packages")));
        Secret early = broker.github.pat("ghp_", inDays(80), Set.of("write:packages"));

        RotationResult result = broker.pats.upload("pkg-publisher", early);

        assertThat(result.outcome()).isEqualTo(Outcome.ROTATED);
        assertThat(result.rotationId()).startsWith("upload-").doesNotContain(early.sha256());
        assertThat(broker.pats.upload("pkg-publisher", early).outcome()).isEqualTo(Outcome.DUPLICATE);
    }

    @Test
    void appPrivateKeysAreTrackedOnly() {
        RotationResult result = broker.due.handle(broker.dueFor(entry("key", CredentialKind.APP_PRIVATE_KEY, "read"), "rot-1", 1));
        assertThat(result.outcome()).isEqualTo(Outcome.TRACKED_ONLY);
        assertThat(broker.events.all).isEmpty();
    }

    private Instant inDays(int days) {
        return broker.clock.instant().plus(Duration.ofDays(days));
    }
}
