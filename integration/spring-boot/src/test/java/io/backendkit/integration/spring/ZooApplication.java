package io.backendkit.integration.spring;

import com.acme.zoo.server.ApiWebConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** A Spring Boot application serving the generated interfaces of the feature document. */
@SpringBootApplication
@Import(ApiWebConfiguration.class)
public class ZooApplication {}
