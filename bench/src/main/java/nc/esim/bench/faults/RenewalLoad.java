package nc.esim.bench.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Partner shops renewing subscriptions through billing-service's API while faults strike, as a careful
 * client does: every renewal has its Idempotency-Key, and a request that fails (connection refused
 * while billing restarts, a timeout, a 5xx, a 429) is sent again with the same key until it is
 * answered. A share of the answered renewals is sent once more, as a client that lost the answer
 * would; the answer must name the same order.
 */
final class RenewalLoad implements AutoCloseable {
    private static final String BODY = "{\"channel\":\"APP\",\"paymentMethod\":\"CARD\"}";
    private static final Pattern ORDER = Pattern.compile("\"orderNumber\":\"([^\"]+)\"");
    /** A client gives a renewal up after this long without an answer (then it is unacknowledged, not lost). */
    private static final Duration GIVE_UP = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String billing;
    private final String shopToken;
    private final List<String> iccids;
    private final int clients;
    private final double retryShare;
    private final Duration pause;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    /** Order number per Idempotency-Key, for every renewal the API acknowledged (201). */
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /** Keys a client gave up on (no answer within {@link #GIVE_UP}). */
    private final Map<String, String> unanswered = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong resentAfterFailure = new AtomicLong();
    private final AtomicLong resentAfterAnswer = new AtomicLong();
    private final AtomicLong answeredWithAnotherOrder = new AtomicLong();
    private final Map<Integer, AtomicLong> failuresByStatus = new ConcurrentHashMap<>();

    /**
     * @param billing    billing-service's base URL (its port survives its restarts)
     * @param pause      each client's pause between two renewals
     */
    RenewalLoad(String billing, String shopToken, List<String> iccids, int clients, double retryShare, Duration pause) {
        this.billing = billing;
        this.shopToken = shopToken;
        this.iccids = List.copyOf(iccids);
        this.clients = clients;
        this.retryShare = retryShare;
        this.pause = pause;
    }

    void start() {
        for (int i = 0; i < clients; i++) {
            Thread client = new Thread(this::renewUntilStopped, "renewal-client-" + i);
            client.setDaemon(true);
            client.start();
            threads.add(client);
        }
    }

    private void renewUntilStopped() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stopping.get()) {
            String iccid = iccids.get(random.nextInt(iccids.size()));
            String key = UUID.randomUUID().toString();
            String order = renewUntilAnswered(iccid, key);
            if (order == null) {
                unanswered.put(key, iccid);
                continue;
            }
            acknowledged.put(key, order);
            if (random.nextDouble() < retryShare) {
                resentAfterAnswer.incrementAndGet();
                String again = renewUntilAnswered(iccid, key);
                if (again != null && !again.equals(order)) {
                    answeredWithAnotherOrder.incrementAndGet();
                }
            }
            sleep(pause);
        }
    }

    /** The order number billing answers the renewal with, resending it with its key until it does; null on giving up. */
    private String renewUntilAnswered(String iccid, String key) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(billing + "/api/v1/subscriptions/" + iccid + "/renewals"))
                .header("Content-Type", "application/json").header("Authorization", shopToken)
                .header("Idempotency-Key", key).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        boolean first = true;
        while (System.nanoTime() < deadline) {
            if (!first) {
                resentAfterFailure.incrementAndGet();
                sleep(Duration.ofMillis(500));
            }
            first = false;
            requests.incrementAndGet();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    Matcher order = ORDER.matcher(response.body());
                    if (order.find()) {
                        return order.group(1);
                    }
                    throw new IllegalStateException("a renewal answered 201 without an order number: " + response.body());
                }
                failuresByStatus.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
                if (response.statusCode() < 500 && response.statusCode() != 409 && response.statusCode() != 429) {
                    throw new IllegalStateException("a renewal was refused: " + response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                failuresByStatus.computeIfAbsent(0, s -> new AtomicLong()).incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the clients after the renewal each has in hand. */
    @Override
    public void close() throws InterruptedException {
        stopping.set(true);
        for (Thread thread : threads) {
            thread.join(GIVE_UP.toMillis() + 30_000);
        }
    }

    Map<String, String> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    Map<String, String> unanswered() {
        return Map.copyOf(unanswered);
    }

    long requests() {
        return requests.get();
    }

    long resentAfterFailure() {
        return resentAfterFailure.get();
    }

    long resentAfterAnswer() {
        return resentAfterAnswer.get();
    }

    long answeredWithAnotherOrder() {
        return answeredWithAnotherOrder.get();
    }

    /** Failed attempts by HTTP status (0: no answer: refused connection, timeout). */
    Map<Integer, Long> failuresByStatus() {
        Map<Integer, Long> copy = new java.util.TreeMap<>();
        failuresByStatus.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }
}
