package io.backendkit.codegen.internal;

import static io.backendkit.codegen.internal.PlanFixture.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.codegen.internal.ModelDecl.RecordDecl;
import io.backendkit.codegen.internal.TypeRegistry.Kind;
import org.junit.jupiter.api.Test;

/** GIVEN component and inline schemas WHEN the registry names them THEN every name is unique and assigned once. */
class TypeRegistryTest {

    private final TypeRegistry registry = new TypeRegistry(PlanFixture.MODEL_PACKAGE);

    @Test
    void componentsAreNamedInOrderCaseInsensitivelyUniqueAndAliasesGetNoClass() {
        registry.addComponent("Pet", Kind.RECORD);
        registry.addComponent("pet", Kind.ENUM);
        registry.addComponent("pet-id", Kind.ALIAS);
        registry.addComponent("pet_status", Kind.UNION);

        assertThat(registry.classOf("Pet")).isEqualTo(type("Pet"));
        assertThat(registry.classOf("pet")).isEqualTo(type("Pet2"));
        assertThat(registry.classOf("pet-id")).isNull();
        assertThat(registry.classOf("pet_status")).isEqualTo(type("PetStatus"));
        assertThat(registry.kind("pet-id")).isEqualTo(Kind.ALIAS);
        assertThat(registry.isUnion("pet_status")).isTrue();
        assertThat(registry.isUnion("Pet")).isFalse();
        assertThat(registry.componentOf(type("Pet2"))).isEqualTo("pet");
    }

    @Test
    void inlineTypesShareTheScopeOfComponentsAndSupportTypesAreReserved() {
        registry.addComponent("PetOwner", Kind.RECORD);

        assertThat(registry.allocate("PetOwner")).isEqualTo(type("PetOwner2"));
        assertThat(registry.allocate("pet owner")).isEqualTo(type("PetOwner3"));
        assertThat(registry.allocate("Violation")).isEqualTo(type("ViolationModel"));
        assertThat(registry.allocate("page")).isEqualTo(type("PageModel"));
        assertThat(registry.allocate("String")).isEqualTo(type("StringModel"));
        assertThat(registry.allocate("")).isEqualTo(type("Model"));
        assertThat(registry.componentOf(type("PetOwner2"))).isNull();
        registry.addComponent("ApiJson", Kind.RECORD);
        assertThat(registry.classOf("ApiJson")).isEqualTo(type("ApiJsonModel"));
    }

    @Test
    void declarationsKeepPlanningOrderAndAreRegisteredOnce() {
        RecordDecl b = new RecordDecl(type("B"), "#/b");
        RecordDecl a = new RecordDecl(type("A"), "#/a");
        registry.register(b);
        registry.register(a);

        assertThat(registry.decls()).containsExactly(b, a);
        assertThat(registry.decl(type("A"))).isSameAs(a);
        assertThat(registry.decl(type("C"))).isNull();
        assertThatThrownBy(() -> registry.register(new RecordDecl(type("A"), "#/other")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> registry.decls().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aComponentIsAddedOnceAndMustBeAddedBeforeUse() {
        registry.addComponent("Pet", Kind.RECORD);

        assertThatThrownBy(() -> registry.addComponent("Pet", Kind.ALIAS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("added twice");
        assertThatThrownBy(() -> registry.kind("Owner"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Owner used before planning");
        assertThat(registry.kind("Pet")).isEqualTo(Kind.RECORD);
    }

    @Test
    void parentsAreTransitiveAncestorsInTheOrderAdded() {
        registry.addParent(type("Cat"), type("Pet"));
        registry.addParent(type("Cat"), type("Animal"));
        registry.addParent(type("Pet"), type("Thing"));

        assertThat(registry.parentsOf(type("Cat"))).containsExactly(type("Pet"), type("Animal"));
        assertThat(registry.parentsOf(type("Dog"))).isEmpty();
        assertThat(registry.isAncestor(type("Thing"), type("Cat"))).isTrue();
        assertThat(registry.isAncestor(type("Cat"), type("Cat"))).isTrue();
        assertThat(registry.isAncestor(type("Cat"), type("Thing"))).isFalse();
    }
}
