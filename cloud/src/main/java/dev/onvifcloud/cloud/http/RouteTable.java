package dev.onvifcloud.cloud.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Routes by path, then method. A path is matched exactly, or else by the templates: a route path segment
 * {@code {name}} matches any one non-empty segment ({@code /api/v1/devices/{serial}/claim}); the handler reads
 * the segment from {@link ApiRequest#path()}. Exact paths win over templates; templates are tried in the order
 * routes were given. Immutable.
 */
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
    private final List<Map.Entry<String[], Map<String, Route>>> templates;

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
        this.templates = table.entrySet().stream()
                .filter(entry -> isTemplate(entry.getKey()))
                .map(entry -> Map.entry(entry.getKey().split("/", -1), entry.getValue()))
                .toList();
    }

    private static boolean isTemplate(String path) {
        for (String segment : path.split("/", -1)) {
            if (isParameter(segment)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    private static boolean matches(String[] template, String[] segments) {
        if (template.length != segments.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            boolean same = isParameter(template[i]) ? !segments[i].isEmpty() : template[i].equals(segments[i]);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    Match match(String method, String path) {
        Map<String, Route> exact = byPath.get(path);
        Optional<Map<String, Route>> found = exact != null ? Optional.of(exact) : byTemplate(path);
        if (found.isEmpty()) {
            return new Match.NoSuchPath();
        }
        Map<String, Route> methods = found.get();
        return Optional.ofNullable(methods.get(method))
                .<Match>map(Match.Found::new)
                .orElseGet(() -> new Match.WrongMethod(new TreeSet<>(methods.keySet())));
    }

    /** The methods of the templates {@code path} matches, the first template's route for each. */
    private Optional<Map<String, Route>> byTemplate(String path) {
        if (!templates.isEmpty()) {
            String[] segments = path.split("/", -1);
            Map<String, Route> merged = new LinkedHashMap<>();
            for (Map.Entry<String[], Map<String, Route>> template : templates) {
                if (matches(template.getKey(), segments)) {
                    template.getValue().forEach(merged::putIfAbsent);
                }
            }
            if (!merged.isEmpty()) {
                return Optional.of(merged);
            }
        }
        return Optional.empty();
    }
}
