package io.backendkit.integration.jersey;

import com.acme.zoo.api.DefaultApi;
import com.acme.zoo.api.LookupApi;
import com.acme.zoo.api.MiscApi;
import com.acme.zoo.api.PetsApi;
import com.acme.zoo.model.Everything;
import com.acme.zoo.model.ListPetsStatus;
import com.acme.zoo.model.LookupResult;
import com.acme.zoo.model.NewPet;
import com.acme.zoo.model.Node;
import com.acme.zoo.model.Order;
import com.acme.zoo.model.Page;
import com.acme.zoo.model.Payment;
import com.acme.zoo.model.Pet;
import com.acme.zoo.model.PetStatus;
import com.acme.zoo.model.Shape;
import com.acme.zoo.model.StringOrNumber;
import com.acme.zoo.model.UploadPhotoResponse;
import com.acme.zoo.server.ApiException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test implementations of the generated interfaces: echo what they get, keep pets in memory. */
public final class ZooResources {

    private ZooResources() {}

    static Pet pet(long id, String name) {
        return new Pet(name, List.of("cute"), null, null, null, PetStatus.AVAILABLE, null, id, null);
    }

    public static class Pets implements PetsApi {

        @Override
        public List<Pet> listPets(Integer limit, ListPetsStatus status, List<String> tag, String xRequestTenant) {
            List<Pet> all = new ArrayList<>();
            all.add(pet(1, "Rex " + (status == null ? "any" : status.value()) + " " + (tag == null ? 0 : tag.size())));
            return all;
        }

        @Override
        public Response createPet(NewPet body) {
            Pet created = new Pet(
                    body.name(),
                    body.tags(),
                    body.weightKg(),
                    body.ageYears(),
                    body.ownerEmail(),
                    body.status(),
                    body.nickname(),
                    42L,
                    null);
            return Response.created(URI.create("/pets/42")).entity(created).build();
        }

        @Override
        public Page<Pet> listPetsPaged(Integer page, Integer limit, String cursor) {
            return Page.of(List.of(pet(1, "A"), pet(2, "B")), page == null ? 1 : page, limit == null ? 2 : limit, 5);
        }

        @Override
        public Pet getPet(long petId) {
            if (petId == 404) {
                throw ApiException.notFound("no pet " + petId);
            }
            if (petId == 500) {
                throw new IllegalStateException("secret internals");
            }
            return pet(petId, "Rex");
        }

        @Override
        public void deletePet(long petId) {}

        @Override
        public UploadPhotoResponse uploadPhoto(long petId, byte[] body) {
            return new UploadPhotoResponse((long) body.length, new String(body, StandardCharsets.UTF_8));
        }
    }

    public static class Misc implements MiscApi {
        @Override
        public Shape echoShape(Shape body) {
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
        public PetStatus echoStatus(PetStatus body) {
            return body;
        }
    }

    public static class Lookup implements LookupApi {
        @Override
        public LookupResult lookup(String key, String q, String xTrace, LocalDate day, UUID ref, Long count) {
            return new LookupResult(key, q, xTrace, day, ref, count);
        }
    }

    public static class Health implements DefaultApi {
        @Override
        public byte[] getHealth() {
            return "up".getBytes(StandardCharsets.UTF_8);
        }
    }
}
