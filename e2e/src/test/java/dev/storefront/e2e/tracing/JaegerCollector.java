package dev.storefront.e2e.tracing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.jaegertracing.api_v2.Model;

/**
 * A real Jaeger collector endpoint for tests: a gRPC server on a free loopback port that serves
 * {@code jaeger.api_v2.CollectorService/PostSpans} (what the services' exporter calls on a
 * collector's port 14250) and keeps every span it receives. jaeger-proto ships the span model but
 * not the collector service, so the method is described here: the request is
 * {@code PostSpansRequest { Batch batch = 1; }}, the response an empty message.
 */
public final class JaegerCollector implements AutoCloseable {

    static final String SERVICE = "jaeger.api_v2.CollectorService";

    private final List<ReceivedSpan> spans = new ArrayList<>();
    private final Server server;

    private JaegerCollector(Server server) {
        this.server = server;
    }

    /**
     * Start on a free port of 127.0.0.1.
     *
     * @return the running collector
     */
    public static JaegerCollector start() throws IOException {
        JaegerCollector[] self = new JaegerCollector[1];
        MethodDescriptor<Model.Batch, byte[]> postSpans = MethodDescriptor.<Model.Batch, byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "PostSpans"))
                .setRequestMarshaller(new PostSpansRequestMarshaller())
                .setResponseMarshaller(new EmptyMessageMarshaller())
                .build();
        ServerServiceDefinition collector = ServerServiceDefinition.builder(SERVICE)
                .addMethod(postSpans, ServerCalls.asyncUnaryCall((batch, response) -> {
                    self[0].receive(batch);
                    response.onNext(new byte[0]);
                    response.onCompleted();
                }))
                .build();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(collector)
                .build()
                .start();
        self[0] = new JaegerCollector(server);
        return self[0];
    }

    /** @return the port the collector listens on */
    public int port() {
        return server.getPort();
    }

    /** @return every span received so far */
    public synchronized List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /**
     * Wait until the received spans satisfy a condition (exporters send in batches, every few
     * seconds).
     *
     * @param condition what the spans must show
     * @param timeout   how long to wait
     * @return the spans at that moment
     * @throws AssertionError when the time passes first, with what was received
     */
    public List<ReceivedSpan> await(Predicate<List<ReceivedSpan>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedSpan> now = spans();
            if (condition.test(now)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Spans received within " + timeout + " do not satisfy the condition:\n"
                        + String.join("\n", now.stream().map(ReceivedSpan::toString).toList()));
            }
            Thread.sleep(200);
        }
    }

    private synchronized void receive(Model.Batch batch) {
        String service = batch.getProcess().getServiceName();
        for (Model.Span span : batch.getSpansList()) {
            spans.add(ReceivedSpan.from(span, span.hasProcess() ? span.getProcess().getServiceName() : service));
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * One span as Jaeger stores it.
     *
     * @param service      service (process) name
     * @param operation    span (operation) name
     * @param traceId      trace id, hex
     * @param spanId       span id, hex
     * @param parentSpanId the CHILD_OF reference's span id, hex, or {@code null} for a root span
     * @param kind         {@code span.kind} tag (server, client, internal), or {@code null}
     * @param tags         all tags as strings
     * @param startMicros  start, microseconds since the epoch
     * @param durationMicros duration in microseconds
     */
    public record ReceivedSpan(String service, String operation, String traceId, String spanId, String parentSpanId,
                               String kind, Map<String, String> tags, long startMicros, long durationMicros) {

        static ReceivedSpan from(Model.Span span, String service) {
            String parent = span.getReferencesList().stream()
                    .filter(ref -> ref.getRefType() == Model.SpanRefType.CHILD_OF)
                    .map(ref -> hex(ref.getSpanId()))
                    .findFirst().orElse(null);
            Map<String, String> tags = new LinkedHashMap<>();
            for (Model.KeyValue tag : span.getTagsList()) {
                tags.put(tag.getKey(), switch (tag.getVType()) {
                    case STRING -> tag.getVStr();
                    case BOOL -> String.valueOf(tag.getVBool());
                    case INT64 -> String.valueOf(tag.getVInt64());
                    case FLOAT64 -> String.valueOf(tag.getVFloat64());
                    default -> tag.getVBinary().toStringUtf8();
                });
            }
            long start = span.getStartTime().getSeconds() * 1_000_000 + span.getStartTime().getNanos() / 1000;
            long duration = span.getDuration().getSeconds() * 1_000_000 + span.getDuration().getNanos() / 1000;
            return new ReceivedSpan(service, span.getOperationName(), hex(span.getTraceId()), hex(span.getSpanId()),
                    parent, tags.get("span.kind"), tags, start, duration);
        }

        private static String hex(ByteString bytes) {
            return HexFormat.of().formatHex(bytes.toByteArray());
        }

        @Override
        public String toString() {
            return service + " '" + operation + "' trace=" + traceId + " span=" + spanId + " parent=" + parentSpanId
                    + " kind=" + kind + " " + durationMicros + "us " + tags;
        }
    }

    /** Reads {@code PostSpansRequest}: field 1 is the batch, anything else is skipped. */
    private static final class PostSpansRequestMarshaller implements MethodDescriptor.Marshaller<Model.Batch> {
        @Override
        public InputStream stream(Model.Batch batch) {
            throw new UnsupportedOperationException("the collector only receives requests");
        }

        @Override
        public Model.Batch parse(InputStream stream) {
            try {
                CodedInputStream in = CodedInputStream.newInstance(stream);
                Model.Batch batch = Model.Batch.getDefaultInstance();
                for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                    if (WireFormat.getTagFieldNumber(tag) == 1) {
                        batch = Model.Batch.parseFrom(in.readBytes());
                    } else {
                        in.skipField(tag);
                    }
                }
                return batch;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code PostSpansResponse} has no fields: zero bytes on the wire. */
    private static final class EmptyMessageMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
