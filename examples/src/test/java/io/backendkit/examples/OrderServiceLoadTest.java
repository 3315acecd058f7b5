package io.backendkit.examples;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import demo.orders.api.OrdersApi;
import demo.orders.client.ApiClient;
import demo.orders.client.OrdersClient;
import demo.orders.model.NewOrder;
import demo.orders.model.Order;
import demo.orders.model.OrderLine;
import demo.orders.model.OrderStatus;
import demo.orders.server.ApiException;
import demo.orders.server.ApiRouter;
import demo.orders.server.ApiServer;
import io.backendkit.loadgen.LoadAssertions;
import io.backendkit.loadgen.LoadReport;
import io.backendkit.loadgen.LoadTest;
import io.backendkit.loadgen.ProgressListener;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A test a team copies: start the service built on the generated server, check it with the generated client, then
 * put load on it and gate on p99 and the error rate. The generated code comes from {@code demo/orders.yaml}.
 */
class OrderServiceLoadTest {

    /** The part the team writes: the generated {@code OrdersApi}, kept in memory. */
    static final class InMemoryOrders implements OrdersApi {
        private final Map<Long, Order> orders = new ConcurrentHashMap<>();
        private final AtomicLong ids = new AtomicLong();

        @Override
        public Order createOrder(NewOrder body) {
            Order order = new Order(ids.incrementAndGet(), body.customerEmail(), body.lines(), OrderStatus.PLACED);
            orders.put(order.id(), order);
            return order;
        }

        @Override
        public Order getOrder(long orderId) {
            Order order = orders.get(orderId);
            if (order == null) {
                throw ApiException.notFound("no order " + orderId);
            }
            return order;
        }
    }

    static ApiServer server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(
                ApiRouter.builder().orders(new InMemoryOrders()).build(), new InetSocketAddress("127.0.0.1", 0));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theGeneratedClientPlacesAndReadsAnOrder() throws Exception {
        try (ApiClient api = ApiClient.create(URI.create(base))) {
            OrdersClient orders = new OrdersClient(api);
            Order placed = orders.createOrder(new NewOrder("ada@example.com", List.of(new OrderLine("ABC-123", 2))));

            assertThat(orders.getOrder(placed.id())).isEqualTo(placed);
            assertThat(placed.status()).isEqualTo(OrderStatus.PLACED);
        }
    }

    @Test
    void underLoadP99AndErrorRateStayWithinBudget() {
        String order = "{\"customerEmail\":\"ada@example.com\",\"lines\":[{\"sku\":\"ABC-123\",\"quantity\":2}]}";
        LoadReport report = LoadTest.http()
                .post(base + "/orders")
                .header("Content-Type", "application/json")
                .body(order)
                .expectStatus(201)
                .weight(1)
                .get(base + "/orders/1")
                .expectStatus(200)
                .weight(9)
                .concurrency(8)
                .warmUp(ofSeconds(1))
                .duration(ofSeconds(3))
                .progress(ProgressListener.none())
                .run();

        // generous budgets: shared CI machines are slow and noisy; a real team sets its SLO here
        LoadAssertions.assertThat(report)
                .p99()
                .isLessThan(ofMillis(500))
                .and()
                .errorRate()
                .isLessThan(0.01)
                .and()
                .throughput()
                .isGreaterThan(50);
    }
}
