package dev.tokenwarden.console.messaging;

import dev.tokenwarden.console.ConsoleConfig;
import dev.tokenwarden.console.domain.ReadModel;
import dev.tokenwarden.console.domain.RotationPolicy;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;

/** The one read model of this process, shaped by configuration. */
public class ReadModelProducer {

    @Produces
    @Singleton
    ReadModel readModel(ConsoleConfig config) {
        ConsoleConfig.Rotation rotation = config.rotation();
        return new ReadModel(
                new RotationPolicy(rotation.periods(), rotation.installationRefreshAfter(), rotation.warningLead(), rotation.expiringSoon()),
                new ReadModel.Limits(config.history().timeline(), config.history().ledger(), config.history().recent()));
    }
}
