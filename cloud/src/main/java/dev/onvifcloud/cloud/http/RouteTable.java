package dev.onvifcloud.cloud.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Routes by exact path, then method. Immutable. */
final class RouteTable {

    /** What a request's method and path found. */
    sealed interface Match {
        record Found(Route route) implements Match {
        }

        record WrongMethod(Set<String> allowed) implements Match {
        }

        record NoSuchPath() implements Match {
        }
    }

    private final Map<String, Map<String, Route>> byPath;

    RouteTable(List<Route> routes) {
        Map<String, Map<String, Route>> table = new LinkedHashMap<>();
        for (Route route : routes) {
            Route previous = table.computeIfAbsent(route.path(), path -> new LinkedHashMap<>())
                    .putIfAbsent(route.method(), route);
            if (previous != null) {
                throw new IllegalArgumentException("two routes for " + route.method() + " " + route.path());
            }
        }
        table.replaceAll((path, methods) -> Map.copyOf(methods));
        this.byPath = Map.copyOf(table);
    }

    Match match(String method, String path) {
        Map<String, Route> methods = byPath.get(path);
        if (methods == null) {
            return new Match.NoSuchPath();
        }
        return Optional.ofNullable(methods.get(method))
                .<Match>map(Match.Found::new)
                .orElseGet(() -> new Match.WrongMethod(new TreeSet<>(methods.keySet())));
    }
}
