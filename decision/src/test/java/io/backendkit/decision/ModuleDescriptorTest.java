package io.backendkit.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {

    @Test
    void onlyTheApiPackageIsExportedAndNothingIsOpened() {
        ModuleDescriptor descriptor = ModuleFinder.of(Path.of("target/classes"))
                .find("io.backendkit.decision")
                .orElseThrow()
                .descriptor();

        assertThat(descriptor.exports())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactly("io.backendkit.decision");
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.isOpen()).isFalse();
        assertThat(descriptor.packages()).contains("io.backendkit.decision.internal");
    }
}
