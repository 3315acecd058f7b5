package io.backendkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {

    @Test
    void onlyTheApiPackageIsExported() {
        ModuleDescriptor descriptor = ModuleFinder.of(Path.of("target/classes"))
                .find("io.backendkit.core")
                .orElseThrow()
                .descriptor();

        assertThat(descriptor.name()).isEqualTo("io.backendkit.core");
        assertThat(descriptor.exports())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactly("io.backendkit.core");
        assertThat(descriptor.packages()).contains("io.backendkit.core.internal");
    }
}
