package org.atrium.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message templates in {@code notification/} on the class path, and the few rules they are written in: no
 * template engine (Qute comes with a dev-mode debugger this registry does not serve, src/docs/notifications.md).
 *
 * <ul>
 *   <li>{@code {name}} is the model's value (HTML-escaped in {@code .html} templates; a missing value is empty);
 *   <li>{@code {#if name}..{#else}..{/if}} keeps one branch ({@code !name} negates; true is a non-empty value or
 *       {@code true}); sections nest;
 *   <li>{@code {#include file}} renders another template with the same model;
 *   <li>{@code {@key}} is the phrase {@code key} of {@code messages.properties}, itself a template over the model
 *       (so the words can be translated as a whole, with their placeholders); {@code {@.lead}} is the phrase
 *       {@code <kind>.lead} for the model's {@code kind};
 *   <li>{@code {*name}} is the value emphasised ({@code <strong>} in HTML, plain in text), meant for phrases;
 *   <li>a line holding only a section tag disappears whole.
 * </ul>
 *
 * Phrases and templates are looked up for the locale first ({@code messages_de.properties},
 * {@code reminder_de.txt}), then without it, once translations exist.
 */
final class Templates {

    private static final Pattern STANDALONE = Pattern.compile("(?m)^[ \\t]*(\\{(?:#if [^}]+|#else|/if)\\})[ \\t]*\\n");
    private static final Pattern TAG =
            Pattern.compile("\\{(#if !?[\\w.]+|#else|/if|#include [\\w.-]+|@[\\w.-]+|\\*?[\\w.]+)\\}");

    private static final Map<String, String> SOURCES = new ConcurrentHashMap<>();
    private static final Map<Locale, Properties> PHRASES = new ConcurrentHashMap<>();

    private Templates() {}

    /** Renders {@code notification/<name>} (a {@code .txt} or {@code .html} file) over {@code model}. */
    static String render(String name, Map<String, ?> model, Locale locale) {
        String source = SOURCES.computeIfAbsent(localised(name, locale), Templates::load);
        return render(STANDALONE.matcher(source).replaceAll("$1"), name.endsWith(".html"), model, locale);
    }

    /** A phrase of {@code messages.properties} rendered over {@code model} as plain text. */
    static String phrase(String key, Map<String, ?> model, Locale locale) {
        return phrase(key, false, model, locale);
    }

    private static String phrase(String key, boolean html, Map<String, ?> model, Locale locale) {
        String full = key.startsWith(".") ? model.get("kind") + key : key;
        String phrase = phrases(locale).getProperty(full);
        if (phrase == null) {
            throw new IllegalStateException("no phrase " + full + " in notification/messages.properties");
        }
        return render(html ? escape(phrase) : phrase, html, model, locale);
    }

    private static String render(String source, boolean html, Map<String, ?> model, Locale locale) {
        StringBuilder out = new StringBuilder();
        Matcher tag = TAG.matcher(source);
        // each open section: whether its current branch is kept, and whether the enclosing one was
        java.util.ArrayDeque<boolean[]> sections = new java.util.ArrayDeque<>();
        boolean keep = true;
        int at = 0;
        while (tag.find()) {
            if (keep) {
                out.append(source, at, tag.start());
            }
            at = tag.end();
            String t = tag.group(1);
            if (t.startsWith("#if ")) {
                String cond = t.substring(4);
                boolean negated = cond.startsWith("!");
                boolean value = truthy(model.get(negated ? cond.substring(1) : cond)) != negated;
                sections.push(new boolean[] {keep, value});
                keep = keep && value;
            } else if (t.equals("#else")) {
                boolean[] s = sections.peek();
                if (s == null) {
                    throw new IllegalStateException("{#else} outside {#if}");
                }
                keep = s[0] && !s[1];
            } else if (t.equals("/if")) {
                boolean[] s = sections.pop();
                keep = s[0];
            } else if (!keep) {
                continue;
            } else if (t.startsWith("#include ")) {
                out.append(render(t.substring(9).strip(), model, locale));
            } else if (t.startsWith("@")) {
                out.append(phrase(t.substring(1), html, model, locale));
            } else if (t.startsWith("*")) {
                Object value = model.get(t.substring(1));
                String text = value == null ? "" : value.toString();
                out.append(html ? "<strong>" + escape(text) + "</strong>" : text);
            } else {
                Object value = model.get(t);
                String text = value == null ? "" : value.toString();
                out.append(html ? escape(text) : text);
            }
        }
        if (!sections.isEmpty()) {
            throw new IllegalStateException("{#if} without {/if}");
        }
        if (keep) {
            out.append(source, at, source.length());
        }
        return out.toString();
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b
                ? b
                : value != null && !value.toString().isEmpty();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String localised(String name, Locale locale) {
        int dot = name.lastIndexOf('.');
        String candidate = name.substring(0, dot) + "_" + locale.getLanguage() + name.substring(dot);
        return Templates.class.getClassLoader().getResource("notification/" + candidate) != null ? candidate : name;
    }

    private static String load(String name) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream("notification/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no template notification/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties phrases(Locale locale) {
        return PHRASES.computeIfAbsent(locale, l -> {
            Properties base = read("notification/messages.properties", null);
            return read("notification/messages_" + l.getLanguage() + ".properties", base);
        });
    }

    private static Properties read(String resource, Properties defaults) {
        Properties p = defaults == null ? new Properties() : new Properties(defaults);
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } else if (defaults == null) {
                throw new IllegalStateException("no " + resource);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
