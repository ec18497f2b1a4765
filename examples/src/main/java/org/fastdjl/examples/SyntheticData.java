package org.fastdjl.examples;

import org.fastdjl.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes the small data sets the project ships in {@code src-test-data/}, made here from fixed seeds so
 * they are the project's own (no third-party data in the repository): a ratings table with a planted
 * low-rank structure in the ML-sample layout ({@code movie_lens_tiny/ratings.csv}), a census-like
 * table in the adult-sample layout with a learnable salary rule ({@code adult_tiny/adult.csv}), and
 * movie reviews in the IMDB-sample layout ({@code imdb_tiny/texts.csv}).
 * {@code ./fastdjl generate-data} rewrites them; a test checks that the committed files equal what
 * this code generates.
 */
public final class SyntheticData {

    /** The rows of {@code adult_tiny/adult.csv}: the lesson's validation rows 800-999 and 3,800 to train on. */
    public static final int ADULT_TINY_ROWS = 4000;

    private static final String[] WORKCLASS = {" Private", " Private", " Private", " Private", " Private",
        " Self-emp-not-inc", " Local-gov", " State-gov", " Self-emp-inc", " Federal-gov", " ?"};
    private static final String[] EDUCATION = {" HS-grad", " HS-grad", " Some-college", " Some-college",
        " Bachelors", " Bachelors", " Masters", " Assoc-voc", " Assoc-acdm", " 11th", " 10th", " Prof-school",
        " Doctorate", " 7th-8th"};
    private static final int[] EDUCATION_NUM = {9, 9, 10, 10, 13, 13, 14, 11, 12, 7, 6, 15, 16, 4};
    private static final String[] MARITAL = {" Married-civ-spouse", " Married-civ-spouse", " Never-married",
        " Never-married", " Divorced", " Separated", " Widowed"};
    private static final String[] OCCUPATION = {" Prof-specialty", " Craft-repair", " Exec-managerial",
        " Adm-clerical", " Sales", " Other-service", " Machine-op-inspct", " Transport-moving",
        " Handlers-cleaners", " Tech-support", " Protective-serv", " ?"};
    private static final String[] RACE = {" White", " White", " White", " White", " White", " White", " Black",
        " Asian-Pac-Islander", " Amer-Indian-Eskimo", " Other"};
    private static final String[] COUNTRY = {" United-States", " United-States", " United-States",
        " United-States", " United-States", " United-States", " United-States", " Mexico", " Philippines",
        " Germany", " ?"};

    /** The command's declaration: its options, help and README row. */
    static final Command COMMAND = Command.builder("generate-data", "rewrites the embedded data sets in "
                    + "`src-test-data/`")
            .outputDirDefaultText("root", "where to write them", "src-test-data/ of the repository")
            .run(SyntheticData::run);

    private SyntheticData() {}

    /**
     * Rewrites the embedded data sets.
     *
     * @param args the checked options of {@link #COMMAND}
     * @return 0
     * @throws IOException if a file cannot be written
     */
    static int run(Args args) throws IOException {
        Path root = args.path("root") != null ? args.path("root") : Lessons.repoRoot().resolve("src-test-data");
        Path ratings = root.resolve("movie_lens_tiny/ratings.csv");
        AtomicFiles.writeString(ratings, ratings(100, 80, 7));
        System.out.println("wrote " + ratings);
        Path reviews = root.resolve("imdb_tiny/texts.csv");
        AtomicFiles.writeString(reviews, reviews(200, 11));
        System.out.println("wrote " + reviews);
        Path adult = root.resolve("adult_tiny/adult.csv");
        AtomicFiles.writeString(adult, adult(ADULT_TINY_ROWS, 11));
        System.out.println("wrote " + adult);
        return 0;
    }

    /**
     * A ratings CSV in the ML-sample layout ({@code userId,movieId,rating,timestamp}): each user rates
     * about 60% of the movies; a rating is {@code 3.2 + u.m + b_u + b_m + noise} with 3 latent factors,
     * rounded to half stars in [0.5, 5].
     *
     * @param users the number of users
     * @param movies the number of movies
     * @param seed the seed
     * @return the CSV text
     */
    public static String ratings(int users, int movies, long seed) {
        Random r = new Random(seed);
        int k = 3;
        double[][] u = new double[users][k];
        double[][] m = new double[movies][k];
        double[] bu = new double[users];
        double[] bm = new double[movies];
        int[] movieIds = new int[movies];
        for (int i = 0; i < users; i++) {
            for (int j = 0; j < k; j++) {
                u[i][j] = r.nextGaussian() * 0.7;
            }
            bu[i] = r.nextGaussian() * 0.4;
        }
        for (int i = 0; i < movies; i++) {
            for (int j = 0; j < k; j++) {
                m[i][j] = r.nextGaussian() * 0.7;
            }
            bm[i] = r.nextGaussian() * 0.5;
            movieIds[i] = 1 + i * 97 + r.nextInt(90);
        }
        StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int i = 0; i < users; i++) {
            for (int j = 0; j < movies; j++) {
                if (r.nextDouble() > 0.6) {
                    continue;
                }
                double x = 3.2 + bu[i] + bm[j] + r.nextGaussian() * 0.4;
                for (int f = 0; f < k; f++) {
                    x += u[i][f] * m[j][f];
                }
                double rating = Math.max(0.5, Math.min(5.0, Math.round(x * 2) / 2.0));
                long ts = 1_100_000_000L + r.nextInt(400_000_000);
                sb.append(String.format(Locale.ROOT, "%d,%d,%.1f,%d%n", i + 1, movieIds[j], rating, ts));
            }
        }
        return sb.toString();
    }

    private static final String[] TITLES = {"The Long Night", "Harbor Lights", "Iron Valley", "A Quiet Summer",
        "Midnight Express Line", "The Last Orchard", "Blue Meridian", "Paper Kings", "Cold Water", "Starfall"};
    private static final String[] PEOPLE = {"Anna Weber", "John Miles", "Meg Carter", "Kevin Ortiz", "Lucy Chen",
        "Tom Hardy-Smith", "Rosa Diaz", "Peter Lang"};
    private static final String[] GOOD = {"brilliant", "moving", "beautiful", "funny", "gripping", "wonderful",
        "clever", "charming"};
    private static final String[] BAD = {"boring", "awful", "predictable", "dull", "silly", "terrible", "lazy",
        "forgettable"};
    private static final String[] THINGS = {"plot", "acting", "script", "soundtrack", "ending", "camera work",
        "dialogue", "pacing", "cast", "story"};
    // {T} title, {P} person, {A} adjective of the review's mood, {N} part of a film
    private static final String[] GOOD_SENTENCES = {
        "I loved every minute of {T}.",
        "{P} gives the performance of a lifetime.",
        "The {N} is {A} and the {N} is even better!",
        "It's not perfect, but it's {A}.",
        "Don't miss it: you won't regret it.",
        "I've seen it three times and I'd watch it again!!!",
        "My whole family thought it was {A}.",
        "A {A} film with a {A} {N}.",
        "Ten out of ten, REALLY.",
        "Even the \"small\" parts are played with care by {P}.",
    };
    private static final String[] BAD_SENTENCES = {
        "I wanted to like {T}, but I couldn't.",
        "{P} looks lost in every scene.",
        "The {N} is {A} and the {N} is worse...",
        "It's {A} from start to finish.",
        "Don't waste your money on this one.",
        "I fell asleep twice!!! NOT a good sign.",
        "What were they thinking?",
        "A {A} film with a {A} {N}.",
        "Two out of ten, and that's generous.",
        "The \"twist\" is obvious after ten minutes.",
    };

    /**
     * A CSV in the IMDB-sample layout ({@code label,text,is_valid}): review-like texts of a few
     * sentences (capitals, contractions, quotes, repeated punctuation, {@code <br />} breaks, the odd
     * ALL-CAPS word), labelled {@code positive} or {@code negative} by the words they use; every fifth
     * review is validation.
     *
     * @param n the number of reviews
     * @param seed the seed
     * @return the CSV text, quoted as pandas writes it
     */
    public static String reviews(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("label,text,is_valid\n");
        for (int i = 0; i < n; i++) {
            boolean pos = r.nextBoolean();
            String[] sentences = pos ? GOOD_SENTENCES : BAD_SENTENCES;
            String[] adj = pos ? GOOD : BAD;
            String title = TITLES[r.nextInt(TITLES.length)];
            StringBuilder text = new StringBuilder();
            text.append('"').append(title).append("\" ").append(pos ? "is " : "was supposed to be ")
                    .append(pos ? "a " + adj[r.nextInt(adj.length)] + " surprise." : "good.");
            int count = 3 + r.nextInt(5);
            for (int k = 0; k < count; k++) {
                String t = sentences[r.nextInt(sentences.length)];
                StringBuilder filled = new StringBuilder();
                for (int at = 0; at < t.length(); at++) {
                    char c = t.charAt(at);
                    if (c == '{' && at + 2 < t.length() && t.charAt(at + 2) == '}') {
                        char kind = t.charAt(at + 1);
                        filled.append(kind == 'T' ? title : kind == 'P' ? PEOPLE[r.nextInt(PEOPLE.length)]
                                : kind == 'A' ? adj[r.nextInt(adj.length)] : THINGS[r.nextInt(THINGS.length)]);
                        at += 2;
                    } else {
                        filled.append(c);
                    }
                }
                text.append(k % 3 == 2 ? "<br /><br />" : " ").append(filled);
            }
            String csvText = text.toString().replace("\"", "\"\"");
            sb.append(pos ? "positive" : "negative").append(",\"").append(csvText).append("\",")
                    .append(i % 5 == 4 ? "True" : "False").append('\n');
        }
        return sb.toString();
    }
    /**
     * A census-like CSV in the adult-sample layout and with its quirks: the header and columns of
     * {@code adult.csv}, text with a leading space ({@code " Private"}), {@code education-num} as a
     * decimal ({@code 13.0}) with some empty cells, some empty {@code occupation} cells and {@code " ?"}
     * values. The salary follows a noisy logistic rule of age, education, marriage, occupation, sex and
     * hours ({@code >=50k} for about a quarter of the rows), so a model can learn it.
     *
     * @param rows the number of rows
     * @param seed the seed
     * @return the CSV text
     */
    public static String adult(int rows, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("age,workclass,fnlwgt,education,education-num,marital-status,"
                + "occupation,relationship,race,sex,capital-gain,capital-loss,hours-per-week,native-country,salary\n");
        for (int i = 0; i < rows; i++) {
            int age = 17 + (int) Math.min(73, Math.abs(r.nextGaussian() * 14 + 21));
            String workclass = pick(r, WORKCLASS);
            int fnlwgt = 20_000 + (int) Math.abs(r.nextGaussian() * 100_000 + 170_000);
            int e = r.nextInt(EDUCATION.length);
            String marital = pick(r, MARITAL);
            String occupation = pick(r, OCCUPATION);
            boolean male = r.nextDouble() < 0.67;
            boolean married = marital.equals(" Married-civ-spouse");
            String relationship = married ? (male ? " Husband" : " Wife")
                    : pick(r, new String[] {" Not-in-family", " Own-child", " Unmarried", " Other-relative"});
            String race = pick(r, RACE);
            int gain = r.nextDouble() < 0.08 ? 1000 + r.nextInt(15_000) : 0;
            int loss = r.nextDouble() < 0.05 ? 1000 + r.nextInt(1500) : 0;
            int hours = Math.max(5, Math.min(90, (int) Math.round(40 + r.nextGaussian() * 11)));
            String country = pick(r, COUNTRY);
            double logit = -2.7 + 0.045 * (Math.min(age, 60) - 38) + 0.45 * (EDUCATION_NUM[e] - 10)
                    + (married ? 2.0 : 0) + (occupation.equals(" Exec-managerial")
                    || occupation.equals(" Prof-specialty") ? 0.9 : 0) + (male ? 0.3 : 0) + 0.03 * (hours - 40)
                    + (gain > 5000 ? 2.5 : 0);
            boolean rich = logit + 0.8 * r.nextGaussian() > 0;
            String eduNum = r.nextDouble() < 0.02 ? "" : EDUCATION_NUM[e] + ".0";
            if (r.nextDouble() < 0.02) {
                occupation = "";
            }
            sb.append(age).append(',').append(workclass).append(',').append(fnlwgt).append(',')
                    .append(EDUCATION[e]).append(',').append(eduNum).append(',').append(marital).append(',')
                    .append(occupation).append(',').append(relationship).append(',').append(race).append(',')
                    .append(male ? " Male" : " Female").append(',').append(gain).append(',').append(loss)
                    .append(',').append(hours).append(',').append(country).append(',')
                    .append(rich ? ">=50k" : "<50k").append('\n');
        }
        return sb.toString();
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
