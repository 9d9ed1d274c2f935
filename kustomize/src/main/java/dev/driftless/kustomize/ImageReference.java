package dev.driftless.kustomize;

import java.util.regex.Pattern;

/**
 * A container image reference split the way kustomize splits it: {@code name[:tag][@digest]}, where a colon
 * before the first slash belongs to the registry host ({@code localhost:5000/app:1} is name
 * {@code localhost:5000/app}, tag {@code 1}).
 *
 * @param name   registry and repository
 * @param tag    tag without the colon, or empty
 * @param digest digest without the {@code @} (e.g. {@code sha256:...}), or empty
 */
record ImageReference(String name, String tag, String digest) {

    private static final String TAG = "(:[a-zA-Z0-9_.{}-]*)?";
    private static final String DIGEST = "(@sha256:[a-zA-Z0-9_.{}-]*)?";

    static ImageReference parse(String image) {
        String rest = image;
        String digest = "";
        int at = image.lastIndexOf('@');
        if (at > 0) {
            digest = image.substring(at + 1);
            rest = image.substring(0, at);
        }
        int slash = rest.indexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > 0 && colon > slash) {
            return new ImageReference(rest.substring(0, colon), rest.substring(colon + 1), digest);
        }
        return new ImageReference(rest, "", digest);
    }

    /**
     * Whether {@code image} is the image called {@code name}, with or without a tag and digest. A name may carry
     * a tag itself ({@code nginx:1}) and then matches only that tag, as in kustomize.
     */
    static boolean matches(String image, String name) {
        return Pattern.compile(Pattern.quote(name) + TAG + DIGEST).matcher(image).matches();
    }

    @Override
    public String toString() {
        return name + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }
}
