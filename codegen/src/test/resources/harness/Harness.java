package harness;

import com.acme.zoo.api.DefaultApi;
import com.acme.zoo.api.LookupApi;
import com.acme.zoo.api.MiscApi;
import com.acme.zoo.api.PetsApi;
import com.acme.zoo.client.ApiClient;
import com.acme.zoo.client.ApiClientException;
import com.acme.zoo.client.DefaultClient;
import com.acme.zoo.client.MiscClient;
import com.acme.zoo.client.PetsClient;
import com.acme.zoo.model.Circle;
import com.acme.zoo.model.Everything;
import com.acme.zoo.model.ListPetsStatus;
import com.acme.zoo.model.LookupResult;
import com.acme.zoo.model.NewPet;
import com.acme.zoo.model.Order;
import com.acme.zoo.model.Page;
import com.acme.zoo.model.Node;
import com.acme.zoo.model.Pet;
import com.acme.zoo.model.PetStatus;
import com.acme.zoo.model.Payment;
import com.acme.zoo.model.Shape;
import com.acme.zoo.model.StringOrNumber;
import com.acme.zoo.model.StringOrNumberLong;
import com.acme.zoo.model.UploadPhotoResponse;
import com.acme.zoo.server.ApiException;
import com.acme.zoo.server.ApiRouter;
import com.acme.zoo.server.ApiServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** A hand-written implementation of the generated interfaces, and a client scenario. */
public final class Harness implements PetsApi, MiscApi, DefaultApi, LookupApi {

    private static final List<Pet> WINDOW = List.of("Ada", "Bo", "Cy", "Di", "Ed").stream()
            .map(name -> new Pet(name, List.of("window"), null, null, null, PetStatus.AVAILABLE, null,
                    (long) name.charAt(0), null))
            .toList();

    private final Map<Long, Pet> pets = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Counted down when a request for a pet named Sleepy reaches the handler. */
    public static volatile java.util.concurrent.CountDownLatch ENTERED = new java.util.concurrent.CountDownLatch(1);
    /** What a Sleepy request waits for (up to 20 s). */
    public static volatile java.util.concurrent.CountDownLatch GATE = new java.util.concurrent.CountDownLatch(0);

    /** Resets the latches: the next Sleepy request signals ENTERED and waits for release(). */
    public static void hold() {
        ENTERED = new java.util.concurrent.CountDownLatch(1);
        GATE = new java.util.concurrent.CountDownLatch(1);
    }

    /** Lets held Sleepy requests go on. */
    public static void release() {
        GATE.countDown();
    }

    /** Waits (up to 10 s) until a Sleepy request is in the handler. */
    public static boolean entered() throws InterruptedException {
        return ENTERED.await(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Starts the generated server with small limits. */
    public static ApiServer startLimited(long maxBody, long inFlight, int concurrent, long requestMillis,
            long idleMillis) throws IOException {
        Harness impl = new Harness();
        ApiRouter router = ApiRouter.builder().pets(impl).misc(impl).default_(impl).lookup(impl).basePath("/v1")
                .build();
        return ApiServer.builder(router)
                .address(new InetSocketAddress("127.0.0.1", 0))
                .maxBodyBytes(maxBody)
                .maxBodyBytesInFlight(inFlight)
                .maxConcurrentRequests(concurrent)
                .requestTimeout(java.time.Duration.ofMillis(requestMillis))
                .idleTimeout(java.time.Duration.ofMillis(idleMillis))
                .start();
    }

    /** Starts the generated server on an ephemeral port of 127.0.0.1 under /v1. */
    public static ApiServer start() throws IOException {
        return start(true);
    }

    /** Starts the generated server, with or without the response envelope. */
    public static ApiServer start(boolean envelope) throws IOException {
        Harness impl = new Harness();
        ApiRouter router = ApiRouter.builder().pets(impl).misc(impl).default_(impl).lookup(impl).basePath("/v1")
                .envelope(envelope).build();
        return ApiServer.start(router, new InetSocketAddress("127.0.0.1", 0));
    }

    /** Pages through five fixed pets: numbered pages, or cursors that are the index of the next item. */
    @Override
    public Page<Pet> listPetsPaged(Integer page, Integer limit, String cursor) {
        int size = limit == null ? 2 : limit;
        int n = WINDOW.size();
        if (cursor != null) {
            int from = Integer.parseInt(cursor);
            List<Pet> items = WINDOW.subList(Math.min(from, n), Math.min(from + size, n));
            return Page.cursor(items, from + size < n ? String.valueOf(from + size) : null);
        }
        int p = page == null ? 1 : page;
        int from = (p - 1) * size;
        return Page.of(WINDOW.subList(Math.min(from, n), Math.min(from + size, n)), p, size, n);
    }

    /** Reads a page with a client that expects no envelope. */
    public static String pageWithoutEnvelope(URI base) {
        try (ApiClient api = ApiClient.builder(base).envelope(false).build()) {
            return describe(new PetsClient(api).listPetsPaged(1, 2, null));
        }
    }

    private static String describe(Page<Pet> page) {
        return page.items().stream().map(Pet::name).toList() + " " + page.pagination() + " more " + page.hasMore();
    }

    @Override
    public List<Pet> listPets(Integer limit, ListPetsStatus status, List<String> tag, String xRequestTenant) {
        List<Pet> out = new ArrayList<>();
        for (Pet p : pets.values()) {
            if (status != null && (p.status() == null || !p.status().value().equals(status.value()))) {
                continue;
            }
            if (tag != null && !p.tags().containsAll(tag)) {
                continue;
            }
            out.add(p);
        }
        return limit == null ? out : out.subList(0, Math.min(limit, out.size()));
    }

    @Override
    public PetsApi.CreatePetResult createPet(NewPet body) {
        if (body.name().equals("boom")) {
            throw new IllegalStateException("secret detail that must not reach the client");
        }
        if (body.name().equals("Sleepy")) {
            ENTERED.countDown();
            try {
                GATE.await(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (body.name().equals("Duplicate")) {
            throw ApiException.conflict("a pet named Duplicate exists");
        }
        long id = ids.incrementAndGet();
        Pet pet = new Pet(body.name(), body.tags(), body.weightKg(), body.ageYears(), body.ownerEmail(), body.status(),
                body.nickname(), id, OffsetDateTime.of(2024, 1, 15, 10, 30, 0, 0, ZoneOffset.ofHours(2)));
        pets.put(id, pet);
        return PetsApi.CreatePetResult.created(pet, URI.create("/v1/pets/" + id));
    }

    @Override
    public Pet getPet(long petId) {
        Pet pet = pets.get(petId);
        if (pet == null) {
            throw ApiException.notFound("no pet " + petId);
        }
        return pet;
    }

    @Override
    public void deletePet(long petId) {
        if (pets.remove(petId) == null) {
            throw ApiException.notFound("no pet " + petId);
        }
    }

    @Override
    public UploadPhotoResponse uploadPhoto(long petId, byte[] body) {
        return new UploadPhotoResponse((long) body.length, Integer.toHexString(java.util.Arrays.hashCode(body)));
    }

    @Override
    public Shape echoShape(Shape body) {
        return body;
    }

    @Override
    public PetStatus echoStatus(PetStatus body) {
        return body;
    }

    @Override
    public StringOrNumber echoValue(StringOrNumber body) {
        return body;
    }

    @Override
    public Payment echoPayment(Payment body) {
        return body;
    }

    @Override
    public Order echoOrder(Order body) {
        return body;
    }

    @Override
    public Node echoTree(Node body) {
        return body;
    }

    @Override
    public Everything echoEverything(Everything body) {
        return body;
    }

    @Override
    public LookupResult lookup(String key, String q, String xTrace, java.time.LocalDate day, java.util.UUID ref,
            Long count) {
        return new LookupResult(key, q, xTrace, day, ref, count);
    }

    @Override
    public byte[] getHealth() {
        return "ok".getBytes(StandardCharsets.UTF_8);
    }

    /** Exercises the generated clients against a running server; returns what it saw, one line per step. */
    public static List<String> clientScenario(URI base) throws Exception {
        List<String> seen = new ArrayList<>();
        ApiClient api = ApiClient.builder(base).header("X-Request-Id", "client-test").build();
        PetsClient petsClient = new PetsClient(api);
        MiscClient misc = new MiscClient(api);
        DefaultClient defaults = new DefaultClient(api);

        PetsClient.CreatePetResult.Created created = (PetsClient.CreatePetResult.Created) petsClient.createPet(
                new NewPet("Rex", List.of("good", "dog"), null, 3, null, PetStatus.AVAILABLE, null));
        Pet rex = created.body();
        seen.add("created " + created.status() + " at " + created.location() + " " + rex.id() + " " + rex.name() + " "
                + rex.status() + " " + rex.createdAt());
        petsClient.createPet(new NewPet("Tom", List.of("cat"), null, null, null, PetStatus.SOLD, null));
        seen.add("get " + petsClient.getPet(rex.id()).name());
        seen.add("list available " + petsClient.listPets(null, ListPetsStatus.AVAILABLE, null, "tenant").stream()
                .map(Pet::name)
                .toList());
        seen.add("list tag cat " + petsClient.listPets(10, null, List.of("cat"), null).stream().map(Pet::name).toList());
        seen.add("async list " + petsClient.listPetsAsync(null, null, null, null).get().size());
        try {
            petsClient.getPet(404L);
        } catch (ApiClientException e) {
            seen.add("missing " + e.status() + " " + e.code());
        }
        try {
            petsClient.createPet(new NewPet("R2-D2", List.of(), null, null, "nope", null, null));
        } catch (ApiClientException e) {
            seen.add("invalid " + e.status() + " " + e.code() + " " + e.details());
        }
        try {
            petsClient.createPet(new NewPet("Duplicate", List.of("x1"), null, null, null, null, null));
        } catch (ApiClientException e) {
            seen.add("conflict " + e.status() + " " + e.code() + " " + e.getMessage());
        }
        UploadPhotoResponse photo = petsClient.uploadPhoto(rex.id(), new byte[] {1, 2, 3, 4});
        seen.add("photo " + photo.bytes());
        petsClient.deletePet(rex.id());
        try {
            petsClient.deletePetAsync(rex.id()).join();
        } catch (java.util.concurrent.CompletionException e) {
            seen.add("delete twice " + ((ApiClientException) e.getCause()).status());
        }
        Shape shape = misc.echoShape(new Circle("circle", 2.5));
        seen.add("shape " + shape.getClass().getSimpleName() + " " + ((Circle) shape).radius());
        StringOrNumber value = misc.echoValue(new StringOrNumberLong(42L));
        seen.add("value " + value);
        Node tree = misc.echoTree(new Node("root", List.of(new Node("leaf", null))));
        seen.add("tree " + tree.children().get(0).name());
        seen.add("health " + new String(defaults.getHealth(), StandardCharsets.UTF_8));
        seen.add("page " + describe(petsClient.listPetsPaged(2, 2, null)));
        seen.add("cursor " + describe(petsClient.listPetsPagedAsync(null, 2, "4").get()));
        // closing releases the HttpClient the ApiClient made; one passed in stays open
        api.close();
        seen.add("closed " + isClosed(api));
        java.net.http.HttpClient own = java.net.http.HttpClient.newHttpClient();
        ApiClient.builder(base).httpClient(own).build().close();
        seen.add("passed-in client closed " + own.isTerminated());
        own.close();
        return seen;
    }

    private static boolean isClosed(ApiClient api) {
        try {
            new DefaultClient(api).getHealth();
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }
}
