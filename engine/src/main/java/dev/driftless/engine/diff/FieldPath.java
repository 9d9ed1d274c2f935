package dev.driftless.engine.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A field's position in an object: map fields by name, keyed list items by their merge key, other list items by
 * index. Printed as {@code spec.template.spec.containers[name=web].image}.
 */
record FieldPath(List<Segment> segments) {

    static final FieldPath ROOT = new FieldPath(List.of());

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    sealed interface Segment permits Field, Item, Index {
    }

    record Field(String name) implements Segment {
    }

    /** A keyed list item; names and values are parallel, values in their text form. */
    record Item(List<String> names, List<String> values) implements Segment {
        Item {
            names = List.copyOf(names);
            values = List.copyOf(values);
        }
    }

    record Index(int index) implements Segment {
    }

    FieldPath {
        segments = List.copyOf(segments);
    }

    FieldPath field(String name) {
        return append(new Field(name));
    }

    FieldPath item(Item item) {
        return append(item);
    }

    FieldPath index(int index) {
        return append(new Index(index));
    }

    /** The name of the field at the given distance from the end (0 is the last segment), or "" when that is not a field. */
    String fieldNameFromEnd(int distance) {
        int position = segments.size() - 1 - distance;
        return position >= 0 && segments.get(position) instanceof Field field ? field.name() : "";
    }

    private FieldPath append(Segment segment) {
        List<Segment> longer = new ArrayList<>(segments);
        longer.add(segment);
        return new FieldPath(longer);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments) {
            switch (segment) {
                case Field field when PLAIN_NAME.matcher(field.name()).matches() ->
                        text.append(text.isEmpty() ? "" : ".").append(field.name());
                case Field field -> text.append("[\"").append(field.name().replace("\"", "\\\"")).append("\"]");
                case Item item -> {
                    text.append('[');
                    for (int i = 0; i < item.names().size(); i++) {
                        text.append(i == 0 ? "" : ",").append(item.names().get(i)).append('=').append(item.values().get(i));
                    }
                    text.append(']');
                }
                case Index index -> text.append('[').append(index.index()).append(']');
            }
        }
        return text.toString();
    }
}
