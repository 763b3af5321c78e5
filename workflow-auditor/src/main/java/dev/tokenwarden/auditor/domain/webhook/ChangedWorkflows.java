package dev.tokenwarden.auditor.domain.webhook;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Which of a push's changed paths the auditor scans: workflows ({@code .github/workflows/*.yml|yaml}) and action metadata. */
public final class ChangedWorkflows {
    private static final String WORKFLOWS = ".github/workflows/";

    private ChangedWorkflows() {
    }

    public static List<String> select(Collection<String> changedPaths) {
        TreeSet<String> selected = new TreeSet<>();
        for (String path : changedPaths) {
            if (isWorkflow(path) || isActionMetadata(path)) {
                selected.add(path);
            }
        }
        return List.copyOf(selected);
    }

    private static boolean isWorkflow(String path) {
        return path.startsWith(WORKFLOWS) && path.indexOf('/', WORKFLOWS.length()) < 0
                && (path.endsWith(".yml") || path.endsWith(".yaml"));
    }

    private static boolean isActionMetadata(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.equals("action.yml") || name.equals("action.yaml");
    }
}
