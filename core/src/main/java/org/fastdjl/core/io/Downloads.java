package org.fastdjl.core.io;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * fastai's {@code untar_data}: downloads a data set archive once into a cache folder and unpacks it,
 * returning the folder. The cache is {@code ~/.fastdjl/data} (or {@code -Dfastdjl.home}, or {@code
 * FASTDJL_HOME}); pretrained models go to {@code ~/.fastdjl/models} as fastai's {@code untar_data(url,
 * data=False)} puts them in {@code ~/.fastai/models}. Unpacking goes to a temporary folder renamed into place, so a broken download never
 * leaves a half-filled folder. Offline ({@code -Dai.djl.offline=true}) or without network it fails with
 * a message naming the folder to fill by hand.
 */
public final class Downloads {

    private Downloads() {}

    /** @return the cache folder for data sets */
    public static Path dataHome() {
        String home = System.getProperty("fastdjl.home");
        if (home == null || home.isBlank()) {
            home = System.getenv("FASTDJL_HOME");
        }
        Path base = home == null || home.isBlank()
                ? Path.of(System.getProperty("user.home"), ".fastdjl")
                : Path.of(home);
        return base.resolve("data");
    }

    /** @return the cache folder for pretrained models (fastai's {@code Config.model_path()}) */
    public static Path modelHome() {
        return dataHome().resolveSibling("models");
    }

    /**
     * The folder a URL unpacks to: the archive's name without {@code .tgz}/{@code .tar.gz}/{@code .zip}.
     *
     * @param url the archive's address
     * @return the folder under {@link #dataHome()}
     */
    public static Path folderFor(String url) {
        return folderFor(url, true);
    }

    /**
     * The folder a URL unpacks to, under the data or the models cache.
     *
     * @param url the archive's address
     * @param data true for a data set ({@link #dataHome()}), false for a pretrained model ({@link
     *     #modelHome()})
     * @return the folder
     */
    public static Path folderFor(String url, boolean data) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        for (String ext : new String[] {".tar.gz", ".tgz", ".zip"}) {
            if (name.endsWith(ext)) {
                name = name.substring(0, name.length() - ext.length());
            }
        }
        return (data ? dataHome() : modelHome()).resolve(name);
    }

    /**
     * Downloads and unpacks a data set unless it is already there.
     *
     * @param url the archive's address, e.g. {@link URLs#ML_SAMPLE}
     * @return the unpacked folder
     * @throws IOException if the download or unpacking fails; the message says where to put the files
     *     by hand
     */
    public static Path untarData(String url) throws IOException {
        return untarData(url, true);
    }

    /**
     * Downloads and unpacks a data set, or with {@code data=false} a pretrained model such as {@link
     * URLs#WT103_FWD} (fastai's {@code untar_data(url, data=False)}, as its {@code language_model_learner}
     * fetches the WikiText-103 weights), unless it is already there.
     *
     * @param url the archive's address
     * @param data true for a data set (into {@link #dataHome()}), false for a model (into {@link
     *     #modelHome()})
     * @return the unpacked folder
     * @throws IOException if the download or unpacking fails; the message says where to put the files
     *     by hand
     */
    public static Path untarData(String url, boolean data) throws IOException {
        Path dest = folderFor(url, data);
        if (Files.isDirectory(dest)) {
            return dest;
        }
        String byHand = "download " + url + " yourself and unpack it so that its files are in " + dest
                + " (or pass the folder with " + (data ? "--data" : "--pretrained") + ")";
        if (Boolean.getBoolean("ai.djl.offline")) {
            throw new IOException("offline (ai.djl.offline=true): cannot fetch " + url + "; " + byHand);
        }
        Files.createDirectories(dest.getParent());
        Path tmpDir = Files.createTempDirectory(dest.getParent(), "." + dest.getFileName() + ".");
        try {
            HttpClient client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(20))
                    .build();
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).GET().build();
            HttpResponse<InputStream> resp;
            try {
                resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + url, e);
            } catch (IOException e) {
                throw new IOException("cannot fetch " + url + " (" + e + "); " + byHand, e);
            }
            if (resp.statusCode() != 200) {
                resp.body().close();
                throw new IOException("fetching " + url + " answered HTTP " + resp.statusCode() + "; " + byHand);
            }
            try (InputStream body = new BufferedInputStream(resp.body())) {
                unpack(url, body, tmpDir);
            }
            Path root = singleChildOrSelf(tmpDir);
            Files.move(root, dest, StandardCopyOption.ATOMIC_MOVE);
            return dest;
        } finally {
            deleteRecursively(tmpDir);
        }
    }

    private static void unpack(String url, InputStream in, Path dir) throws IOException {
        ArchiveInputStream<? extends ArchiveEntry> archive = url.endsWith(".zip")
                ? new ZipArchiveInputStream(in)
                : new TarArchiveInputStream(new GzipCompressorInputStream(in));
        try (archive) {
            ArchiveEntry e;
            while ((e = archive.getNextEntry()) != null) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("archive entry " + e.getName() + " points outside its folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(archive, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** fastai's archives hold one top folder; use it as the data set's folder. */
    private static Path singleChildOrSelf(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            Path[] children = s.toArray(Path[]::new);
            if (children.length == 1 && Files.isDirectory(children[0])) {
                return children[0];
            }
        }
        return dir;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
