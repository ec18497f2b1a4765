package org.fastdjl.text.transform;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.fastdjl.core.io.AtomicFiles;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JSON file behind {@link Vocab#save} and {@link Vocab#load}. */
final class VocabFile {

    static final String FORMAT = "fastdjl-vocab";
    static final int VERSION = 1;

    private VocabFile() {
    }

    static void write(Path file, List<String> itos) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        JsonArray arr = new JsonArray(itos.size());
        for (String t : itos) {
            arr.add(t);
        }
        root.add("itos", arr);
        Gson gson = new GsonBuilder().disableHtmlEscaping().create();
        AtomicFiles.write(target, out -> {
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            gson.toJson(root, w);
            w.write('\n');
            w.flush();
        });
    }

    static List<String> read(Path file) throws IOException {
        JsonElement root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r);
        } catch (NoSuchFileException e) {
            throw new IOException("vocab file " + file + " does not exist", e);
        } catch (CharacterCodingException e) {
            throw new IOException("vocab file " + file + " is not UTF-8 text", e);
        } catch (JsonParseException e) {
            throw new IOException("vocab file " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IOException("vocab file " + file + ": expected a JSON object with an \"itos\" list, found "
                    + (root.isJsonNull() ? "an empty file" : root.toString().length() > 40
                    ? root.toString().substring(0, 40) + "..." : root.toString()));
        }
        JsonObject obj = root.getAsJsonObject();
        JsonElement format = obj.get("format");
        if (format != null && !(format.isJsonPrimitive() && FORMAT.equals(format.getAsString()))) {
            throw new IOException("vocab file " + file + ": \"format\" is " + format + ", expected \"" + FORMAT + "\"");
        }
        JsonElement version = obj.get("version");
        if (version != null && !(version.isJsonPrimitive() && version.getAsJsonPrimitive().isNumber()
                && version.getAsInt() == VERSION)) {
            throw new IOException("vocab file " + file + ": \"version\" is " + version + "; this library reads version "
                    + VERSION);
        }
        JsonElement itos = obj.get("itos");
        if (itos == null || !itos.isJsonArray()) {
            throw new IOException("vocab file " + file + ": expected \"itos\" to be a list of token strings, found "
                    + (itos == null ? "no \"itos\"" : itos.toString().length() > 40
                    ? itos.toString().substring(0, 40) + "..." : itos.toString()));
        }
        JsonArray arr = itos.getAsJsonArray();
        if (arr.isEmpty()) {
            throw new IOException("vocab file " + file + ": \"itos\" is empty; a vocab has at least its special tokens");
        }
        List<String> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            JsonElement e = arr.get(i);
            if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
                throw new IOException("vocab file " + file + ": \"itos\" entry " + i + " is " + e + ", not a string");
            }
            out.add(e.getAsString());
        }
        return out;
    }
}
