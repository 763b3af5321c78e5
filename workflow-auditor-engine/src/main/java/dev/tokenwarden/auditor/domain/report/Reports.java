package dev.tokenwarden.auditor.domain.report;

import java.io.IOException;
import java.io.Writer;

import dev.tokenwarden.auditor.domain.finding.ScanResult;
import dev.tokenwarden.auditor.domain.rules.RuleCatalogue;

/** Writes a scan result in any {@link ReportFormat}. */
public final class Reports {

    private final RuleCatalogue catalogue;
    private final String docsBaseUrl;
    private final String toolVersion;

    public Reports(RuleCatalogue catalogue, String docsBaseUrl, String toolVersion) {
        this.catalogue = catalogue;
        this.docsBaseUrl = docsBaseUrl;
        this.toolVersion = toolVersion;
    }

    public void write(ScanResult result, ReportFormat format, Writer out) throws IOException {
        switch (format) {
            case TEXT -> TextReport.write(result, out);
            case JSON -> JsonReport.write(result, out);
            case SARIF -> new SarifReport(catalogue, docsBaseUrl, toolVersion).write(result, out);
            case GITHUB -> GithubReport.write(result, out);
        }
        out.flush();
    }
}
