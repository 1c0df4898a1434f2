package com.astradesk.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipFile;

/**
 * Real English text chunks (200–400 characters) from what is installed on this machine, without network: man pages
 * (roff stripped crudely; the generated gcloud pages are a source of their own so they cannot dominate), Debian
 * changelogs, copyright files, READMEs/NEWS, Perl POD, JDK Javadoc comments (lib/src.zip) and Python standard
 * library docstrings/comments. Paragraphs and chunks are deduplicated across all sources (case and punctuation
 * ignored). The corpus takes chunks from the sources in turn (each source in its own seeded shuffle), so small
 * sources are used whole and large ones share the rest equally; the result is shuffled with the seed. Deterministic
 * for a given machine and seed.
 */
final class RagCorpus {
    /** One chunk and where it came from. */
    record Chunk(String source, String text) {}

    private static final int MIN = 200;
    private static final int MAX = 400;
    private static final Pattern ROFF_FONT = Pattern.compile("\\\\f(\\(..|\\[[^]]*]|.)");
    private static final Pattern ROFF_STRING = Pattern.compile("\\\\\\*(\\(..|\\[[^]]*]|.)");
    private static final Pattern ROFF_SIZE = Pattern.compile("\\\\s[-+]?\\d+");
    private static final Pattern ROFF_SPECIAL = Pattern.compile("\\\\(\\(..|\\[[^]]*])");
    private static final Pattern ROFF_ESCAPE = Pattern.compile("\\\\(.)");
    private static final Pattern POD_CODE = Pattern.compile("[A-Z]<+\\s*([^<>]*?)\\s*>+");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]{1,80}>");
    private static final Pattern JAVADOC_INLINE = Pattern.compile("\\{@\\w+\\s+([^{}]*)}");
    private static final Pattern PY_DOCSTRING = Pattern.compile("(\"\"\"|''')(.*?)\\1", Pattern.DOTALL);

    private final Set<String> seenParagraphs = new HashSet<>();
    private final Set<String> seenChunks = new HashSet<>();
    private final Map<String, List<String>> bySource = new LinkedHashMap<>();

    private RagCorpus() {}

    /** {@code count} distinct chunks, mixed across sources and shuffled with {@code seed}. */
    static List<Chunk> build(int count, long seed) throws IOException {
        RagCorpus corpus = collect();
        Random random = new Random(seed);
        List<List<String>> queues = new ArrayList<>();
        List<String> names = new ArrayList<>();
        corpus.bySource.forEach((name, chunks) -> {
            List<String> shuffled = new ArrayList<>(chunks);
            Collections.shuffle(shuffled, random);
            queues.add(shuffled);
            names.add(name);
        });
        List<Chunk> out = new ArrayList<>(count);
        int[] next = new int[queues.size()];
        boolean progress = true;
        while (out.size() < count && progress) {
            progress = false;
            for (int s = 0; s < queues.size() && out.size() < count; s++) {
                if (next[s] < queues.get(s).size()) {
                    out.add(new Chunk(names.get(s), queues.get(s).get(next[s]++)));
                    progress = true;
                }
            }
        }
        if (out.size() < count) {
            throw new IllegalStateException("only " + out.size() + " distinct chunks on this machine, " + count
                    + " wanted; available per source: " + corpus.available());
        }
        Collections.shuffle(out, random);
        return out;
    }

    private static RagCorpus collect() throws IOException {
        RagCorpus corpus = new RagCorpus();
        corpus.manPages();
        corpus.changelogs();
        corpus.plainDocs("copyright", p -> p.getFileName().toString().equals("copyright"));
        corpus.plainDocs("readme", p -> {
            String name = p.getFileName().toString().toUpperCase(Locale.ROOT);
            return name.startsWith("README") || name.startsWith("NEWS");
        });
        corpus.perlPod();
        corpus.javadoc(jdkSources());
        corpus.python();
        return corpus;
    }

    private Map<String, Integer> available() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        bySource.forEach((k, v) -> sizes.put(k, v.size()));
        return sizes;
    }

    private void manPages() throws IOException {
        for (Path f : files(Path.of("/usr/share/man"), p -> {
            String dir = p.getParent().getFileName().toString();
            String name = p.getFileName().toString();
            // English sections only; Perl module pages duplicate the POD source
            return dir.matches("man[1-8]") && name.endsWith(".gz") && !name.matches(".*\\.3(perl|pm)\\.gz");
        })) {
            String source = f.getFileName().toString().startsWith("gcloud") ? "man-gcloud" : "man";
            List<String> paragraphs = new ArrayList<>();
            StringBuilder para = new StringBuilder();
            boolean table = false;
            for (String line : lines(f)) {
                if (line.startsWith(".TS")) {
                    table = true;
                } else if (line.startsWith(".TE")) {
                    table = false;
                } else if (table) {
                    continue;
                } else if (line.startsWith(".") || line.startsWith("'")) {
                    String macro = line.split("\\s+", 2)[0];
                    if (macro.matches("[.'](SH|SS|PP|P|LP|IP|TP|HP|sp|br|RS|RE|nf|fi|Sh|Ss|Pp|It|Bl|El)")) {
                        flushParagraph(para, paragraphs);
                        if (macro.matches("[.'](IP|SH|SS|Sh|Ss|It)") && line.length() > macro.length()) {
                            para.append(roff(line.substring(macro.length()).replace("\"", "")))
                                    .append(' ');
                            if (!macro.matches("[.'](IP|It)")) {
                                flushParagraph(para, paragraphs);
                            }
                        }
                    } else if (macro.matches("[.'](B|I|BR|RB|IR|RI|BI|IB|SM|SB|Nm|Ar|Fl|Em|Xr|Pa|Dq|Sq|Ql)")
                            && line.length() > macro.length()) {
                        para.append(roff(line.substring(macro.length()).replace("\"", "")))
                                .append(' ');
                    }
                } else if (line.isBlank()) {
                    flushParagraph(para, paragraphs);
                } else {
                    para.append(roff(line)).append(' ');
                }
            }
            flushParagraph(para, paragraphs);
            addDocument(source, paragraphs);
        }
    }

    private static String roff(String line) {
        String s = ROFF_FONT.matcher(line).replaceAll("");
        s = ROFF_STRING.matcher(s).replaceAll("");
        s = ROFF_SIZE.matcher(s).replaceAll("");
        s = ROFF_SPECIAL.matcher(s).replaceAll("");
        s = s.replace("\\&", "").replace("\\-", "-").replace("\\e", "\\");
        return ROFF_ESCAPE.matcher(s).replaceAll("$1");
    }

    private void changelogs() throws IOException {
        for (Path f : files(
                Path.of("/usr/share/doc"),
                p -> p.getFileName().toString().startsWith("changelog")
                        && p.toString().endsWith(".gz"))) {
            List<String> paragraphs = new ArrayList<>();
            StringBuilder para = new StringBuilder();
            for (String line : lines(f)) {
                String t = line.trim();
                if (t.isEmpty() || line.startsWith(" -- ") || !Character.isWhitespace(line.charAt(0))) {
                    flushParagraph(para, paragraphs); // blank, signature or "package (version) ..." header
                } else if (t.startsWith("* ") || t.startsWith("- ") || t.startsWith("+ ")) {
                    flushParagraph(para, paragraphs);
                    para.append(t.substring(2)).append(' ');
                } else {
                    para.append(t).append(' ');
                }
            }
            flushParagraph(para, paragraphs);
            addDocument("changelog", paragraphs);
        }
    }

    private void plainDocs(String source, java.util.function.Predicate<Path> accept) throws IOException {
        for (Path f : files(Path.of("/usr/share/doc"), accept)) {
            List<String> paragraphs = new ArrayList<>();
            StringBuilder para = new StringBuilder();
            for (String line : lines(f)) {
                String t = line.trim();
                if (t.isEmpty() || t.equals(".") || t.matches("^[-=*#_~]{3,}$") || t.matches("^[A-Z][\\w-]*:.*")) {
                    flushParagraph(para, paragraphs); // blank, DEP-5 field, rule line
                } else {
                    para.append(t).append(' ');
                }
            }
            flushParagraph(para, paragraphs);
            addDocument(source, paragraphs);
        }
    }

    private void perlPod() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String root : List.of("/usr/share/perl", "/usr/share/perl5", "/usr/lib/x86_64-linux-gnu/perl")) {
            files.addAll(files(
                    Path.of(root),
                    p -> p.toString().endsWith(".pm") || p.toString().endsWith(".pod")));
        }
        for (Path f : files) {
            List<String> paragraphs = new ArrayList<>();
            StringBuilder para = new StringBuilder();
            boolean inPod = false;
            for (String line : lines(f)) {
                if (line.startsWith("=cut")) {
                    inPod = false;
                    flushParagraph(para, paragraphs);
                } else if (line.startsWith("=")) {
                    inPod = true;
                    flushParagraph(para, paragraphs); // a heading or item is its own (short) paragraph
                } else if (!inPod) {
                    continue;
                } else if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
                    flushParagraph(para, paragraphs); // verbatim (code) paragraphs are skipped
                } else {
                    para.append(pod(line)).append(' ');
                }
            }
            flushParagraph(para, paragraphs);
            addDocument("perl-pod", paragraphs);
        }
    }

    private static String pod(String line) {
        String s = line;
        for (int i = 0; i < 3; i++) {
            Matcher m = POD_CODE.matcher(s);
            s = m.replaceAll(r -> {
                String inner = r.group(1);
                int bar = inner.indexOf('|');
                return Matcher.quoteReplacement(bar >= 0 ? inner.substring(0, bar) : inner);
            });
        }
        return s;
    }

    private void javadoc(Path srcZip) throws IOException {
        try (ZipFile zip = new ZipFile(srcZip.toFile())) {
            List<? extends java.util.zip.ZipEntry> entries = zip.stream()
                    .filter(e -> e.getName().endsWith(".java"))
                    .sorted(java.util.Comparator.comparing(java.util.zip.ZipEntry::getName))
                    .toList();
            for (var e : entries) {
                String src;
                try (InputStream in = zip.getInputStream(e)) {
                    src = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                List<String> paragraphs = new ArrayList<>();
                int from = 0;
                while ((from = src.indexOf("/**", from)) >= 0) {
                    int end = src.indexOf("*/", from + 3);
                    if (end < 0) {
                        break;
                    }
                    StringBuilder para = new StringBuilder();
                    for (String raw : src.substring(from + 3, end).split("\n")) {
                        String t = raw.trim();
                        t = t.startsWith("*") ? t.substring(1).trim() : t;
                        if (t.isEmpty() || t.startsWith("<p") || t.startsWith("<pre") || t.startsWith("@")) {
                            flushParagraph(para, paragraphs);
                            if (t.startsWith("@param") || t.startsWith("@return") || t.startsWith("@throws")) {
                                String[] parts = t.split("\\s+", 2);
                                t = parts.length > 1 ? parts[1] : "";
                            } else if (t.startsWith("@")) {
                                continue;
                            }
                        }
                        t = JAVADOC_INLINE
                                .matcher(t)
                                .replaceAll(
                                        r -> Matcher.quoteReplacement(r.group(1).replaceAll("^\\S*#", "")));
                        t = HTML_TAG.matcher(t)
                                .replaceAll("")
                                .replace("&lt;", "<")
                                .replace("&gt;", ">")
                                .replace("&amp;", "&")
                                .replace("&nbsp;", " ");
                        para.append(t).append(' ');
                    }
                    flushParagraph(para, paragraphs);
                    from = end + 2;
                }
                addDocument("javadoc", paragraphs);
            }
        }
    }

    private void python() throws IOException {
        Path root = pythonStdlib();
        for (Path f : files(
                root,
                p -> p.toString().endsWith(".py")
                        && !p.toString().contains("/test")
                        && !p.toString().contains("/site-packages/")
                        && !p.toString().contains("/idle_test/"))) {
            String src = String.join("\n", lines(f));
            List<String> paragraphs = new ArrayList<>();
            StringBuilder para = new StringBuilder();
            Matcher m = PY_DOCSTRING.matcher(src);
            while (m.find()) {
                String[] docLines = m.group(2).split("\n");
                int indent = Integer.MAX_VALUE; // the docstring's own indentation; deeper lines are code or tables
                for (int i = 1; i < docLines.length; i++) {
                    if (!docLines[i].isBlank()) {
                        indent = Math.min(
                                indent,
                                docLines[i].length()
                                        - docLines[i].stripLeading().length());
                    }
                }
                for (int i = 0; i < docLines.length; i++) {
                    String raw = docLines[i];
                    String t = raw.trim();
                    boolean deeper = i > 0 && raw.length() - raw.stripLeading().length() > indent;
                    if (t.isEmpty() || t.startsWith(">>>") || t.startsWith("...") || deeper) {
                        flushParagraph(para, paragraphs);
                    } else {
                        para.append(t).append(' ');
                    }
                }
                flushParagraph(para, paragraphs);
            }
            for (String raw : src.split("\n")) { // comment blocks
                String t = raw.trim();
                if (t.startsWith("#") && !t.startsWith("#!")) {
                    String c = t.replaceFirst("^#+", "").trim();
                    if (c.isEmpty()) {
                        flushParagraph(para, paragraphs);
                    } else {
                        para.append(c).append(' ');
                    }
                } else {
                    flushParagraph(para, paragraphs);
                }
            }
            flushParagraph(para, paragraphs);
            addDocument("python", paragraphs);
        }
    }

    /** This JDK's lib/src.zip, else the first installed JDK's that exists (the Debian one may be a dangling link). */
    private static Path jdkSources() throws IOException {
        Path own = Path.of(System.getProperty("java.home"), "lib", "src.zip");
        if (Files.isRegularFile(own)) {
            return own;
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.sorted()
                    .map(j -> j.resolve("lib").resolve("src.zip"))
                    .filter(Files::isRegularFile)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no JDK src.zip under /usr/lib/jvm"));
        }
    }

    private static Path pythonStdlib() throws IOException {
        Path pyenv = Path.of("/root/.pyenv/versions");
        if (Files.isDirectory(pyenv)) {
            try (Stream<Path> versions = Files.list(pyenv)) {
                List<Path> libs = versions.sorted()
                        .map(v -> v.resolve("lib")
                                .resolve("python" + v.getFileName().toString().replaceAll("^(\\d+\\.\\d+).*", "$1")))
                        .filter(Files::isDirectory)
                        .toList();
                // the newest 3.x before 3.13 (3.12 has the broadest docstrings of the installed ones)
                for (int i = libs.size() - 1; i >= 0; i--) {
                    if (libs.get(i).getFileName().toString().equals("python3.12")) {
                        return libs.get(i);
                    }
                }
                if (!libs.isEmpty()) {
                    return libs.get(libs.size() - 1);
                }
            }
        }
        return Path.of("/usr/lib/python3.11");
    }

    private static void flushParagraph(StringBuilder para, List<String> paragraphs) {
        String p = para.toString().replaceAll("\\s+", " ").trim();
        if (!p.isEmpty()) {
            paragraphs.add(p);
        }
        para.setLength(0);
    }

    /** Joins a document's new paragraphs into chunks of 200–400 characters, cut at paragraph or word ends. */
    private void addDocument(String source, List<String> paragraphs) {
        List<String> chunks = bySource.computeIfAbsent(source, k -> new ArrayList<>());
        StringBuilder chunk = new StringBuilder();
        for (String p : paragraphs) {
            if (p.length() < 40 && chunk.isEmpty()) {
                continue; // a heading or fragment does not start a chunk
            }
            if (!seenParagraphs.add(normalize(p))) {
                continue;
            }
            for (String word : p.split(" ")) {
                if (word.length() > 40) {
                    continue; // hashes, URLs, identifiers: not prose
                }
                if (chunk.length() + word.length() >= MAX) {
                    emit(chunk, chunks);
                }
                chunk.append(word).append(' ');
            }
            if (chunk.length() >= MIN) {
                emit(chunk, chunks);
            }
        }
        if (chunk.length() >= MIN) {
            emit(chunk, chunks);
        }
    }

    private void emit(StringBuilder chunk, List<String> chunks) {
        String text = chunk.toString().trim();
        chunk.setLength(0);
        if (text.length() < MIN || !prose(text) || !seenChunks.add(normalize(text))) {
            return;
        }
        chunks.add(text);
    }

    /** Mostly letters and spaces: drops tables, code and lists of paths or numbers. */
    private static boolean prose(String text) {
        int letters = 0;
        int words = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isLetter(ch) || ch == ' ') {
                letters++;
            }
            if (ch == ' ') {
                words++;
            }
        }
        return letters >= 0.85 * text.length() && words >= 25;
    }

    private static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }

    private static List<Path> files(Path root, java.util.function.Predicate<Path> accept) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(accept)
                    .sorted()
                    .toList();
        }
    }

    /** The lines of a text file, gunzipped when it ends in .gz; an unreadable file has none. */
    private static List<String> lines(Path f) {
        try (InputStream raw = Files.newInputStream(f);
                InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** Prints the number of chunks each source can offer and a sample of each (for checking the extraction). */
    static void describe(Consumer<String> out) throws IOException {
        RagCorpus corpus = collect();
        Random random = new Random(1);
        corpus.bySource.forEach((name, chunks) -> {
            out.accept("SOURCE " + name + " chunks=" + chunks.size());
            for (int i = 0; i < 3 && !chunks.isEmpty(); i++) {
                out.accept("  | " + chunks.get(random.nextInt(chunks.size())));
            }
        });
    }
}
