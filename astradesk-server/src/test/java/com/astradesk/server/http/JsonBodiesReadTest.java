package com.astradesk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link JsonBodies#read} gives exactly what {@code readNBytes(maxBytes + 1)} gives, whatever the declared length. */
class JsonBodiesReadTest {

    @Test
    void readsWhatReadNBytesReadsForEveryDeclaredLength() throws IOException {
        Random random = new Random(15);
        for (int i = 0; i < 20_000; i++) {
            int maxBytes = 1 + random.nextInt(400);
            byte[] actual = new byte[random.nextInt(500)];
            random.nextBytes(actual);
            long declared = switch (random.nextInt(6)) {
                case 0 -> -1;
                case 1 -> actual.length;
                case 2 -> Math.max(0, actual.length - 1 - random.nextInt(20));
                case 3 -> actual.length + 1 + random.nextInt(20);
                case 4 -> random.nextInt(maxBytes + 1);
                default -> maxBytes + 1 + random.nextInt(50);
            };
            int chunk = 1 + random.nextInt(64);
            byte[] expected = new ChunkedStream(actual, chunk).readNBytes(maxBytes + 1);
            byte[] got = JsonBodies.read(new ChunkedStream(actual, chunk), declared, maxBytes);
            assertThat(got)
                    .as("body %d bytes, declared %d, max %d, reads of %d", actual.length, declared, maxBytes, chunk)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aDeclaredBodyIsReadWhole() throws IOException {
        byte[] body = "{\"agent\":\"ops\",\"input\":\"show metrics for payments-api\"}".getBytes();
        assertThat(JsonBodies.read(new ByteArrayInputStream(body), body.length, 65_536))
                .isEqualTo(body);
        assertThat(JsonBodies.read(new ByteArrayInputStream(new byte[0]), 0, 65_536))
                .isEmpty();
    }

    /** A stream that hands out at most {@code chunk} bytes per read, as a network stream may. */
    private static final class ChunkedStream extends InputStream {
        private final ByteArrayInputStream in;
        private final int chunk;

        ChunkedStream(byte[] bytes, int chunk) {
            this.in = new ByteArrayInputStream(bytes);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, chunk));
        }
    }
}
