package dev.tokenwarden.auditor;

import dev.tokenwarden.auditor.domain.config.AuditConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings, under {@code tokenwarden.auditor}. */
@ConfigMapping(prefix = "tokenwarden.auditor")
public interface AuditorConfig {

    /** The largest workflow or action file read; a larger one is refused (413) or reported in a bundle. */
    @WithDefault("1048576")
    int maxFileBytes();

    /** The most files one multipart bundle may carry. */
    @WithDefault("200")
    int maxBundleFiles();

    /** Where findings' {@code docsUrl} point ({@code #rule-id} is appended). */
    @WithDefault(AuditConfig.DEFAULT_DOCS_BASE_URL)
    String docsBaseUrl();
}
