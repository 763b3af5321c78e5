package dev.tokenwarden.platform.events;

/** CloudEvents 1.0 binary content mode over Kafka: attributes are {@code ce_}-prefixed headers. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";

    private CloudEventHeaders() {
    }
}
