package org.atrium.ui;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The browser UI's modules, read as source: no import cycle (static or dynamic), no re-export of an imported name
 * (they existed only to silence "unused import"), no {@code .catch(() => null)} that turns a failed load into nothing.
 */
class UiModulesTest {

    static final Path JS = Path.of("src/main/resources/META-INF/resources/js");
    static final Pattern IMPORT = Pattern.compile("(?:from\\s+|import\\s*\\(\\s*)'(\\.{1,2}/[^']+)'");
    static final Pattern REEXPORT = Pattern.compile("(?m)^export\\s*\\{[^}]*};?\\s*$");

    @Test
    void noModuleImportsItselfThroughOthers() throws IOException {
        Map<Path, Set<Path>> graph = graph();
        List<String> cycles = new ArrayList<>();
        for (Path start : graph.keySet()) {
            find(start, start, graph, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
        }
        assertThat(String.join("\n", cycles), cycles, empty());
    }

    @Test
    void noReExportsAndNoFailedLoadTurnedIntoNull() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files()) {
            String source = Files.readString(file);
            Matcher m = REEXPORT.matcher(source);
            while (m.find()) {
                found.add(JS.relativize(file) + ": " + m.group().trim());
            }
            if (source.contains(".catch(() => null)")) {
                found.add(JS.relativize(file) + ": .catch(() => null)");
            }
        }
        assertThat(String.join("\n", found), found, empty());
    }

    private static void find(
            Path start, Path at, Map<Path, Set<Path>> graph, List<Path> path, Set<Path> seen, List<String> cycles) {
        for (Path next : graph.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                cycles.add(
                        path.stream().map(p -> JS.relativize(p).toString()).toList() + " -> " + JS.relativize(start));
            } else if (seen.add(next)) {
                path.add(next);
                find(start, next, graph, path, seen, cycles);
                path.removeLast();
            }
        }
    }

    private static Map<Path, Set<Path>> graph() throws IOException {
        Map<Path, Set<Path>> graph = new HashMap<>();
        for (Path file : files()) {
            Matcher m = IMPORT.matcher(Files.readString(file));
            Set<Path> targets = new HashSet<>();
            while (m.find()) {
                targets.add(file.getParent().resolve(m.group(1)).normalize());
            }
            graph.put(file.normalize(), targets);
        }
        return graph;
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(JS)) {
            return s.filter(p -> p.toString().endsWith(".js")).toList();
        }
    }

    static final Pattern NAMED_IMPORT = Pattern.compile("import\\s*\\{([^}]*)}\\s*from\\s*'(\\.{1,2}/[^']+)'");
    static final Pattern EXPORTED =
            Pattern.compile("export\\s+(?:async\\s+)?(?:function\\*?|const|let|class)\\s+([A-Za-z0-9_$]+)");

    /** Every name a module imports is exported by the module it names (a merge or a rename can leave one behind). */
    @Test
    void everyImportedNameIsExported() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(JS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Matcher m = NAMED_IMPORT.matcher(Files.readString(file));
                while (m.find()) {
                    Path target = file.getParent().resolve(m.group(2)).normalize();
                    Set<String> exported = new HashSet<>();
                    if (Files.exists(target)) {
                        Matcher e = EXPORTED.matcher(Files.readString(target));
                        while (e.find()) {
                            exported.add(e.group(1));
                        }
                    }
                    for (String name : m.group(1).split(",")) {
                        String imported = name.strip().split("\\s+as\\s+")[0];
                        if (!imported.isEmpty() && !exported.contains(imported)) {
                            missing.add(JS.relativize(file) + " imports " + imported + " from " + m.group(2));
                        }
                    }
                }
            }
        }
        assertThat(String.join("\n", missing), missing, empty());
    }

    /**
     * The style sheet's blocks are balanced: an unclosed media query swallows every rule after it (a merge once put
     * the projector's layout inside the phones' block, and desktops lost it).
     */
    @Test
    void theStyleSheetsBlocksAreBalanced() throws IOException {
        String css = Files.readString(Path.of("src/main/resources/META-INF/resources/app.css"))
                .replaceAll("(?s)/\\*.*?\\*/", "");
        int depth = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < css.length(); i++) {
            char c = css.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth < 0) {
                problems.add("a '}' without its '{' at offset " + i);
                depth = 0;
            }
        }
        if (depth != 0) {
            problems.add(depth + " block(s) left open at the end");
        }
        assertThat(String.join("\n", problems), problems, empty());
    }
}
