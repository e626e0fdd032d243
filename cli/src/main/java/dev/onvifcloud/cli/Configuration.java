package dev.onvifcloud.cli;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The settings of a long-running command, from four sources in this order of precedence: its flags, environment
 * variables, a configuration file, the defaults. Every setting is an option {@code --some-name} of the command: in
 * the file it is the key {@code some-name} (a properties file, or flat YAML {@code some-name: value}), in the
 * environment {@code <PREFIX>SOME_NAME}. Options that are not settings ({@code --config}, {@code --help}, ...) are
 * listed as excluded. A few settings are the same for every command ({@link #SHARED}): when the command's own variable
 * is not set, they also come from {@code ONVIF_CLOUD_SOME_NAME}.
 */
final class Configuration {

    /** Where a value came from, for {@code --print-config}. */
    enum Source { FLAG, ENVIRONMENT, SHARED_ENVIRONMENT, FILE, DEFAULT }

    /** The prefix of the environment variables that every command reads. */
    static final String SHARED_PREFIX = "ONVIF_CLOUD_";
    /** Settings that also come from {@link #SHARED_PREFIX} variables, after the command's own. */
    static final Set<String> SHARED = Set.of(TlsImplementationOption.KEY);

    /** A resolved value; empty when the setting has no default and was not given. */
    record Value(Optional<String> text, Source source) {
    }

    private final Map<String, Value> values;
    private final String envPrefix;
    private final String fileName;

    private Configuration(Map<String, Value> values, String envPrefix, String fileName) {
        this.values = values;
        this.envPrefix = envPrefix;
        this.fileName = fileName;
    }

    /**
     * Resolves every setting of {@code spec}.
     *
     * @param excluded long option names that are not settings (e.g. {@code --config})
     * @param file the text of the configuration file and its name, if one was given
     * @throws CommandFailure (exit 2) naming every unknown key of the file at once
     */
    static Configuration resolve(CommandSpec spec, Set<String> excluded, String envPrefix,
                                 Map<String, String> environment, Optional<Map.Entry<String, String>> file) {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, String> fromFile = file.map(f -> read(f.getKey(), f.getValue())).orElse(Map.of());
        Map<String, Value> values = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String name = option.longestName();
            if (!name.startsWith("--") || excluded.contains(name) || option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String key = name.substring(2);
            String env = envName(envPrefix, key);
            Value value;
            if (parsed != null && parsed.hasMatchedOption(option)) {
                value = new Value(Optional.of(String.valueOf((Object) option.getValue())), Source.FLAG);
            } else if (environment.containsKey(env)) {
                value = new Value(Optional.of(environment.get(env)), Source.ENVIRONMENT);
            } else if (SHARED.contains(key) && environment.containsKey(envName(SHARED_PREFIX, key))) {
                String shared = environment.get(envName(SHARED_PREFIX, key));
                value = new Value(Optional.of(shared), Source.SHARED_ENVIRONMENT);
            } else if (fromFile.containsKey(key)) {
                value = new Value(Optional.of(fromFile.get(key)), Source.FILE);
            } else {
                value = new Value(Optional.ofNullable(option.defaultValue()), Source.DEFAULT);
            }
            values.put(key, value);
        }
        List<String> unknown = fromFile.keySet().stream().filter(key -> !values.containsKey(key)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw CommandFailure.failed(file.orElseThrow().getKey() + ": unknown setting(s) " + String.join(", ", unknown)
                    + "; known: " + String.join(", ", values.keySet()));
        }
        return new Configuration(values, envPrefix, file.map(Map.Entry::getKey).orElse("the configuration file"));
    }

    /** The environment variable of a setting: {@code ONVIF_CLOUD_MCS_} and {@code api-port} give {@code ONVIF_CLOUD_MCS_API_PORT}. */
    static String envName(String prefix, String key) {
        return prefix + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    Optional<String> text(String key) {
        Value value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no setting " + key);
        }
        return value.text().map(String::strip).filter(text -> !text.isEmpty());
    }

    Map<String, Value> values() {
        return values;
    }

    /** Where a setting's value came from, as a user would look for it. */
    String origin(String key) {
        return switch (values.get(key).source()) {
            case FLAG -> "--" + key;
            case ENVIRONMENT -> envName(envPrefix, key);
            case SHARED_ENVIRONMENT -> envName(SHARED_PREFIX, key);
            case FILE -> key + " in " + fileName;
            case DEFAULT -> "the default of --" + key;
        };
    }

    /** An integer from {@code min} to {@code max}; else a problem naming the setting and where it came from. */
    int integer(String key, int min, int max, Problems problems) {
        Optional<String> text = text(key);
        if (text.isEmpty()) {
            problems.add(key + " is required");
            return min;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " must be an integer from " + min + " to " + max + ", not '" + text.get() + "' (from "
                + origin(key) + ")");
        return min;
    }

    /** {@code true}/{@code false} (also yes/no, 1/0). */
    boolean bool(String key, Problems problems) {
        String text = text(key).orElse("false").toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> {
                problems.add(key + " must be true or false, not '" + text + "' (from " + origin(key) + ")");
                yield false;
            }
        };
    }

    /** Reads {@code key=value}, {@code key: value} (flat YAML) and {@code #} comments; quotes around values are removed. */
    private static Map<String, String> read(String name, String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw CommandFailure.failed(name + ": not a properties or flat YAML file: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> nested = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            if (key.startsWith("-") || key.startsWith(" ")) {
                nested.add(key);
            }
            values.put(key, value);
        }
        if (!nested.isEmpty()) {
            throw CommandFailure.failed(name + ": only flat settings are supported, not " + nested);
        }
        return values;
    }

    /** Collects the problems of a configuration, to report all of them at once. */
    static final class Problems {
        private final List<String> problems = new ArrayList<>();

        void add(String problem) {
            problems.add(problem);
        }

        /** @throws CommandFailure (exit 2) listing every problem */
        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw CommandFailure.failed("invalid configuration: " + String.join("; ", problems));
            }
        }
    }
}
