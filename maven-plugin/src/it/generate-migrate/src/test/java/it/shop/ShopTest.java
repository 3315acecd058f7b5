package it.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import it.shop.app.PetService;
import it.shop.client.ApiClient;
import it.shop.client.PetsClient;
import it.shop.model.NewPet;
import it.shop.model.Pet;
import it.shop.server.ApiRouter;
import it.shop.server.ApiServer;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ShopTest {

    @Test
    void generatedServerAndClientTalkOverHttp() throws Exception {
        ApiRouter router = ApiRouter.builder().pets(new PetService()).build();
        try (ApiServer server = ApiServer.start(router, new InetSocketAddress("127.0.0.1", 0));
                ApiClient api = ApiClient.create(URI.create("http://127.0.0.1:" + server.port()))) {
            PetsClient pets = new PetsClient(api);
            Pet rex = pets.addPet(new NewPet("Rex"));
            assertEquals("Rex", rex.name());
            assertEquals(rex, pets.getPet(rex.id()));
            assertThrows(Exception.class, () -> pets.getPet(999L));
            assertThrows(Exception.class, () -> pets.addPet(new NewPet("")));
        }
    }
}
