package dev.onvifcloud.soap.events;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** tt:ItemList: the simple and element items of an event's Source, Key or Data; names are unique. */
public record ItemList(List<SimpleItem> simpleItems, List<ElementItem> elementItems) {

    public ItemList {
        simpleItems = List.copyOf(simpleItems);
        elementItems = List.copyOf(elementItems);
        Set<String> names = new HashSet<>();
        for (SimpleItem item : simpleItems) {
            if (!names.add(item.name())) {
                throw new IllegalArgumentException("Item names must be unique in an item list");
            }
        }
        for (ElementItem item : elementItems) {
            if (!names.add(item.name())) {
                throw new IllegalArgumentException("Item names must be unique in an item list");
            }
        }
    }

    /** A list of simple items. */
    public static ItemList of(SimpleItem... items) {
        return new ItemList(List.of(items), List.of());
    }

    /** The value of the simple item with this name. */
    public Optional<String> simpleValue(String name) {
        return simpleItems.stream().filter(item -> item.name().equals(name)).map(SimpleItem::value).findFirst();
    }

    /** The element item with this name. */
    public Optional<ElementItem> elementItem(String name) {
        return elementItems.stream().filter(item -> item.name().equals(name)).findFirst();
    }
}
