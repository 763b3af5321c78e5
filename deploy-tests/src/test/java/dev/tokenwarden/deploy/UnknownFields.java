package dev.tokenwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;

/**
 * fabric8's model keeps any field it does not know in {@code additionalProperties} instead of failing, so a
 * misspelt {@code readOnlyRootFilesytem} would parse and be ignored by the API server. This walks a parsed
 * object and fails on the first such field.
 */
final class UnknownFields {
    private UnknownFields() {
    }

    static void assertNone(Object node, String path) {
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                assertNone(item, path + "[" + index++ + "]");
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> assertNone(value, path + "." + key));
            return;
        }
        if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, node);
            if (getter.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) value).as("fields the Kubernetes schema does not know at %s", path).isNullOrEmpty();
            } else {
                assertNone(value, path + "." + getter.getName().substring(3));
            }
        }
    }

    private static Object invoke(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter + " of " + node.getClass(), e);
        }
    }
}
