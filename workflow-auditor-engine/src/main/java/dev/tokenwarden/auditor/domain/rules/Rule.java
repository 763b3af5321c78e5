package dev.tokenwarden.auditor.domain.rules;

import dev.tokenwarden.auditor.domain.model.Workflow;

/** One check. Implementations are small, stateless and thread-safe; they report through the context. */
public interface Rule {

    RuleInfo info();

    void check(Workflow workflow, RuleContext context);
}
