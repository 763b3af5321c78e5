package dev.tokenwarden.auditor.domain.rules;

import java.util.List;
import java.util.Optional;

import dev.tokenwarden.auditor.domain.advisory.AdvisoryFile;

/** Every rule the engine knows, in the order the reference lists them. */
public final class RuleCatalogue {

    private final List<Rule> rules;

    private RuleCatalogue(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static RuleCatalogue standard() {
        return new RuleCatalogue(List.of(
                new MissingPermissions(),
                new BroadPermissions(),
                new WritePermissions(),
                new MissingTimeout(),
                new ExcessiveTimeout(),
                new UnpinnedUses(),
                new UnpinnedImage(),
                new SecretEcho(),
                new SecretXtrace(),
                new SecretToCommandFile(),
                new SecretsToJson(),
                new SecretsInherit(),
                new UnprotectedDeployment(),
                new DangerousTriggers(),
                new TemplateInjection(),
                new UntrustedEnvWrite(),
                new UntrustedCheckout(),
                new PersistedCredentials(),
                new CachePoisoning(),
                new UnsecureCommands(),
                new SpoofableBotActor(),
                new AlwaysTrueIf(),
                new BypassableContains(),
                new HardcodedContainerCredentials(),
                new SelfHostedForkRunner(),
                new UnscopedAppToken(),
                new ArchivedAction(),
                new KnownVulnerableAction(AdvisoryFile.bundled())));
    }

    public List<Rule> rules() {
        return rules;
    }

    public List<RuleInfo> infos() {
        return rules.stream().map(Rule::info).toList();
    }

    public Optional<Rule> find(String id) {
        return rules.stream().filter(r -> r.info().id().equals(id)).findFirst();
    }
}
