package dev.driftless.api.webhook;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A webhook delivery as received: its headers (names compared case-insensitively, as HTTP does) and the exact body
 * bytes, which signatures cover.
 */
public record WebhookRequest(Map<String, String> headers, byte[] body) {

    public WebhookRequest {
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        headers = Collections.unmodifiableMap(caseInsensitive);
        body = body.clone();
    }

    /** The header's value when it is present and not blank. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Header names and body size only: header values may be tokens or signatures. */
    @Override
    public String toString() {
        return "WebhookRequest[headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
