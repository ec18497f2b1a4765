package org.fastdjl.core.export;

import ai.djl.nn.Block;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.fastdjl.core.io.AtomicFiles;
import org.fastdjl.core.io.Weights;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The export file ({@code export.fdjl}): a zip archive of three entries, readable with any zip tool.
 *
 * <ul>
 *   <li>{@code manifest.json}, first: {@code format} ({@value #FORMAT}), {@code formatVersion}, the
 *       learner's {@code kind} and {@code module}, the {@code model} configuration, who wrote it and
 *       when, and the size and SHA-256 of each other entry;
 *   <li>{@code pipeline.json}: the data pipeline's learned state (deflated);
 *   <li>{@code weights.safetensors}: the weights with PyTorch {@code state_dict} names ({@link Weights};
 *       stored uncompressed, so {@code unzip -p export.fdjl weights.safetensors > w.safetensors} gives a
 *       file {@code safetensors.torch.load_file} reads).
 * </ul>
 *
 * <p>Written atomically ({@link AtomicFiles}). Read back in order, every byte the learner is built from
 * is checked (zip's CRC-32 on each entry, and the manifest's sizes and SHA-256 on the others), so a
 * truncated or corrupted file is refused with an {@link ExportFormatException} naming it, as is a file
 * that is not an export or that a newer format version wrote. (The zip's central directory at the end of
 * the file, an index that tools such as {@code unzip -l} read, is not used and not checked.)
 *
 * <p><b>Format versions.</b> {@value #FORMAT_VERSION} is the version this code writes and the newest it
 * reads; it reads every older one. Adding a field that readers may ignore keeps the version; a change an
 * older reader would misread (a renamed or re-interpreted field, a new required entry) increases it, so
 * an older fastdjl refuses the file by name instead of predicting wrongly.
 */
public final class ExportFile {

    /** The value of the manifest's {@code format} field. */
    public static final String FORMAT = "fastdjl-export";

    /** The format version written, and the newest read. */
    public static final int FORMAT_VERSION = 1;

    /** The manifest entry, always first. */
    public static final String MANIFEST = "manifest.json";

    /** The data pipeline entry. */
    public static final String PIPELINE = "pipeline.json";

    /** The weights entry. */
    public static final String WEIGHTS = "weights.safetensors";

    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    private ExportFile() {}

    /**
     * Writes a learner's export atomically.
     *
     * @param file the file (its folder is created)
     * @param content the learner's description
     * @param model the model whose weights to write
     * @throws IOException if the file cannot be written (an existing file is then untouched)
     */
    public static void write(Path file, ExportContent content, Block model) throws IOException {
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        Weights.write(model, weights);
        byte[] weightBytes = weights.toByteArray();
        byte[] pipelineBytes = GSON.toJson(content.pipeline()).getBytes(StandardCharsets.UTF_8);

        JsonObject manifest = new JsonObject();
        manifest.addProperty("format", FORMAT);
        manifest.addProperty("formatVersion", FORMAT_VERSION);
        manifest.addProperty("kind", content.kind());
        manifest.addProperty("module", content.module());
        manifest.addProperty("writer", "fastdjl " + version());
        manifest.addProperty("created", Instant.now().toString());
        manifest.add("model", content.model());
        JsonObject entries = new JsonObject();
        entries.add(PIPELINE, describe(pipelineBytes));
        entries.add(WEIGHTS, describe(weightBytes));
        manifest.add("entries", entries);
        byte[] manifestBytes = GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8);

        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            zip.setComment(FORMAT + " " + FORMAT_VERSION + ": a fastdjl learner; read it with Learners.load");
            putDeflated(zip, MANIFEST, manifestBytes);
            putDeflated(zip, PIPELINE, pipelineBytes);
            putStored(zip, WEIGHTS, weightBytes);
            zip.finish();
        });
    }

    private static JsonObject describe(byte[] bytes) {
        JsonObject o = new JsonObject();
        o.addProperty("size", bytes.length);
        o.addProperty("sha256", sha256(bytes));
        return o;
    }

    private static void putDeflated(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static void putStored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        e.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Reads and checks an export.
     *
     * @param file the file
     * @return its content
     * @throws NoSuchFileException if there is no such file
     * @throws ExportFormatException if the file is not an export, is truncated or corrupted, or was
     *     written by a newer format version (the message names the file)
     * @throws IOException if it cannot be read
     */
    public static ExportedLearner read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no exported learner here");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            byte[] magic = raw.readNBytes(4);
            if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
                throw new ExportFormatException(file + " is not a fastdjl export: it is not a zip archive"
                        + " (an export written by learn.export() is a zip starting with " + MANIFEST + ")");
            }
        }
        String entry = MANIFEST;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file), StandardCharsets.UTF_8)) {
            ZipEntry first = zip.getNextEntry();
            if (first == null || !MANIFEST.equals(first.getName())) {
                throw new ExportFormatException(file + " is a zip archive but not a fastdjl export: its first entry is "
                        + (first == null ? "missing" : "'" + first.getName() + "'") + ", not " + MANIFEST);
            }
            JsonObject manifest = parse(file, MANIFEST, zip.readAllBytes());
            int version = checkFormat(file, manifest);
            Map<String, Expected> expected = expectedEntries(file, manifest);
            Map<String, byte[]> bytes = new LinkedHashMap<>();
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entry = e.getName();
                Expected want = expected.get(entry);
                if (want == null) {
                    continue; // an entry a newer writer added within the same version: ignored
                }
                byte[] b = zip.readAllBytes();
                if (b.length != want.size) {
                    throw new ExportFormatException(file + " is truncated or corrupted: entry " + entry + " has "
                            + b.length + " bytes, the manifest says " + want.size);
                }
                String sum = sha256(b);
                if (!sum.equals(want.sha256)) {
                    throw new ExportFormatException(file + " is corrupted: entry " + entry
                            + " does not match its checksum (SHA-256 " + sum + ", the manifest says " + want.sha256 + ")");
                }
                bytes.put(entry, b);
            }
            for (String name : expected.keySet()) {
                if (!bytes.containsKey(name)) {
                    throw new ExportFormatException(file + " is truncated or corrupted: entry " + name
                            + " listed in its manifest is missing");
                }
            }
            entry = PIPELINE;
            JsonObject pipeline = parse(file, PIPELINE, bytes.get(PIPELINE));
            JsonElement model = manifest.get("model");
            if (model == null || !model.isJsonObject()) {
                throw new ExportFormatException(file + ": its manifest has no 'model' object");
            }
            return new ExportedLearner(file, version, string(file, manifest, "kind"), optString(manifest, "module"),
                    optString(manifest, "writer"), model.getAsJsonObject(), pipeline, bytes.get(WEIGHTS));
        } catch (ZipException | EOFException e) {
            String msg = String.valueOf(e.getMessage());
            String what = msg.contains("CRC") ? " is corrupted: entry " + entry + " fails its CRC-32 check"
                    : e instanceof EOFException || msg.contains("EOF") ? " is truncated: entry " + entry + " ends early"
                    : " is truncated or corrupted (entry " + entry + ")";
            throw new ExportFormatException(file + what + " (" + msg + ")", e);
        }
    }

    private record Expected(long size, String sha256) {}

    private static JsonObject parse(Path file, String entry, byte[] bytes) throws ExportFormatException {
        try {
            JsonElement e = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new ExportFormatException(file + ": entry " + entry + " is not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ExportFormatException(file + " is corrupted: entry " + entry + " is not valid JSON ("
                    + e.getMessage() + ")", e);
        }
    }

    private static int checkFormat(Path file, JsonObject manifest) throws ExportFormatException {
        JsonElement format = manifest.get("format");
        if (format == null || !format.isJsonPrimitive() || !FORMAT.equals(format.getAsString())) {
            throw new ExportFormatException(file + " is not a fastdjl export: its " + MANIFEST + " has format "
                    + format + ", expected \"" + FORMAT + "\"");
        }
        JsonElement v = manifest.get("formatVersion");
        int version;
        try {
            version = v.getAsInt();
        } catch (RuntimeException e) {
            throw new ExportFormatException(file + ": its manifest's formatVersion is " + v + ", expected an integer");
        }
        if (version > FORMAT_VERSION) {
            throw new ExportFormatException(file + " was written in export format version " + version + " (by "
                    + optString(manifest, "writer") + "); this fastdjl (" + version()
                    + ") reads versions up to " + FORMAT_VERSION + ": load it with a newer fastdjl");
        }
        if (version < 1) {
            throw new ExportFormatException(file + ": export format version " + version + " does not exist");
        }
        return version;
    }

    private static Map<String, Expected> expectedEntries(Path file, JsonObject manifest) throws ExportFormatException {
        JsonElement entries = manifest.get("entries");
        if (entries == null || !entries.isJsonObject()) {
            throw new ExportFormatException(file + ": its manifest has no 'entries' object");
        }
        Map<String, Expected> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : entries.getAsJsonObject().entrySet()) {
            try {
                JsonObject o = e.getValue().getAsJsonObject();
                out.put(e.getKey(), new Expected(o.get("size").getAsLong(), o.get("sha256").getAsString()));
            } catch (RuntimeException ex) {
                throw new ExportFormatException(file + ": its manifest's entry " + e.getKey()
                        + " has no size and sha256");
            }
        }
        for (String required : new String[] {PIPELINE, WEIGHTS}) {
            if (!out.containsKey(required)) {
                throw new ExportFormatException(file + ": its manifest lists no entry " + required);
            }
        }
        return out;
    }

    private static String string(Path file, JsonObject o, String key) throws ExportFormatException {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            throw new ExportFormatException(file + ": its manifest has no '" + key + "'");
        }
        return e.getAsString();
    }

    private static String optString(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || !e.isJsonPrimitive() ? "unknown" : e.getAsString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** @return fastdjl's version from the jar manifest, or {@code dev} when run from classes */
    static String version() {
        String v = ExportFile.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
