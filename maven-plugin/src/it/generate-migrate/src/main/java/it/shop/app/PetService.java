package it.shop.app;

import it.shop.api.PetsApi;
import it.shop.model.NewPet;
import it.shop.model.Pet;
import it.shop.server.ApiException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The part a team writes: the generated PetsApi, kept in memory. */
public final class PetService implements PetsApi {

    private final Map<Long, Pet> pets = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override
    public Pet addPet(NewPet body) {
        Pet pet = new Pet(ids.incrementAndGet(), body.name());
        pets.put(pet.id(), pet);
        return pet;
    }

    @Override
    public Pet getPet(long petId) {
        Pet pet = pets.get(petId);
        if (pet == null) {
            throw ApiException.notFound("no pet " + petId);
        }
        return pet;
    }
}
