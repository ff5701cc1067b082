package dev.mnemo.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.BlockingMnemo;
import dev.mnemo.InvalidInputException;
import dev.mnemo.Message;
import dev.mnemo.Mnemo;
import dev.mnemo.MnemoException;
import dev.mnemo.SessionId;
import dev.mnemo.WriteMode;
import dev.mnemo.spi.SessionListener;
import dev.mnemo.spi.Summarizer;
import dev.mnemo.summary.ExtractiveSummarizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class MnemoAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MnemoAutoConfiguration.class));

    @Test
    void withNoPropertiesMnemoRunsEmbeddedOnTheMemoryTier() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Mnemo.class);
            Mnemo mnemo = context.getBean(Mnemo.class);
            assertThat(mnemo.settings().namespace()).isEqualTo("default");
            assertThat(mnemo.blocking().health().tiers()).extracting(health -> health.name()).containsExactly("memory");
            mnemo.blocking().openSession(SessionId.of("s"), null);
            assertThat(mnemo.blocking().append(SessionId.of("s"), Message.user("hi")).tier()).isEqualTo("memory");
        });
    }

    @Test
    void mnemoIsClosedWithTheContext() {
        AtomicBoolean closed = new AtomicBoolean();
        SessionListener closeWatcher = new SessionListener() {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        runner.withBean(MnemoBuilderCustomizer.class, () -> builder -> builder.listener(closeWatcher))
                .run(context -> assertThat(closed).isFalse());

        assertThat(closed).isTrue();
    }

    @Test
    void propertiesReachMnemoSettings() {
        runner.withPropertyValues("mnemo.namespace=tenant-a", "mnemo.write-mode=write-behind",
                "mnemo.flush-interval=1s", "mnemo.tiers[0]=memory", "mnemo.max-content-bytes=1024",
                "mnemo.journal.max-messages=77", "mnemo.token-model=gpt-4").run(context -> {
                    Mnemo mnemo = context.getBean(Mnemo.class);
                    assertThat(mnemo.settings().namespace()).isEqualTo("tenant-a");
                    assertThat(mnemo.settings().writeMode()).isEqualTo(WriteMode.WRITE_BEHIND);
                    assertThat(mnemo.settings().flushInterval()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(mnemo.settings().tiers()).containsExactly("memory");
                    assertThat(mnemo.settings().maxContentBytes()).isEqualTo(1024);
                    assertThat(mnemo.settings().journalMaxMessages()).isEqualTo(77);
                    assertThat(mnemo.settings().tokenModel()).isEqualTo("gpt-4");
                });
    }

    @Test
    void badEnumValueFailsStartupNamingTheKeyAndTheValue() {
        runner.withPropertyValues("mnemo.write-mode=sometimes").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("mnemo.write-mode 'sometimes': expected one of write-through, write-behind");
        });
    }

    @Test
    void valueMnemoRefusesFailsStartupWithMnemosMessage() {
        runner.withPropertyValues("mnemo.namespace=bad/ns", "mnemo.flush-interval=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("mnemo.namespace").hasMessageContaining("mnemo.flush-interval");
        });
    }

    @Test
    void aTypoInAKeyFailsStartupNamingTheKeyAndTheOneMeant() {
        runner.withPropertyValues("mnemo.redis.urii=redis://app:s3cret@localhost:6379").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("\"mnemo.redis.urii\": unknown key; did you mean mnemo.redis.uri?")
                    .message().doesNotContain("s3cret");
        });
    }

    @Test
    void everyKeyOfAModuleReachesMnemoFromTheEnvironment() {
        runner.withBean(MnemoBuilderCustomizer.class, () -> builder -> builder.summarizer(new ExtractiveSummarizer()))
                .withPropertyValues("mnemo.summary.page-size=0").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidInputException.class)
                            .hasMessageContaining("mnemo.summary.page-size");
                });
    }

    @Test
    void anApplicationSummarizerWritesTheRollingSummaries() {
        // only when asked, so the count is exact; mnemo.summary.* reach the summaries as any key does
        runner.withBean(Summarizer.class, ExtractiveSummarizer::new).withPropertyValues("mnemo.summary.every-messages=0",
                "mnemo.summary.every-tokens=0", "mnemo.summary.keep-recent=1").run(context -> {
            BlockingMnemo memory = context.getBean(Mnemo.class).blocking();
            memory.openSession(SessionId.of("summed"), null);
            memory.append(SessionId.of("summed"), List.of(Message.user("My order is 42."), Message.assistant("Noted."),
                    Message.user("It is late."), Message.assistant("Sorry."), Message.user("Refund it."),
                    Message.assistant("Done.")));

            assertThat(memory.summarize(SessionId.of("summed"))).isPresent();
            assertThat(context.getBean(Mnemo.class).summaryStats().stored()).isEqualTo(1);
        });
    }

    @Test
    void withoutASummarizerBeanThereAreNoSummaries() {
        runner.run(context -> assertThatThrownBy(() -> context.getBean(Mnemo.class).blocking()
                .summarize(SessionId.of("unsummed"))).isInstanceOf(MnemoException.class).hasMessageContaining("summarizer"));
    }

    @Test
    void applicationMnemoBeanReplacesTheAutoConfiguredOne() {
        runner.withUserConfiguration(OwnMnemo.class).run(context -> {
            assertThat(context).hasSingleBean(Mnemo.class);
            assertThat(context.getBean(Mnemo.class).blocking().health().tiers()).extracting(health -> health.name())
                    .containsExactly("ephemeral");
        });
    }

    @Test
    void applicationMeterRegistryGetsMnemosMeters() {
        // Mnemo meters its tier calls when it routes between tiers: two tiers named in mnemo.tiers
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("mnemo.tiers=map-tier,memory").run(context -> {
                    Mnemo mnemo = context.getBean(Mnemo.class);
                    mnemo.blocking().openSession(SessionId.of("metered"), null);
                    mnemo.blocking().append(SessionId.of("metered"), List.of(Message.user("count me")));

                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("mnemo.tier.calls").tag("tier", "map-tier").tag("operation", "append")
                            .timer()).isNotNull().satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
                });
    }

    @Test
    void withoutMicrometerOnTheClassPathMnemoStillStarts() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
            assertThat(context).hasSingleBean(Mnemo.class);
            assertThat(context).doesNotHaveBean("mnemoMeterRegistryCustomizer");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnMnemo {
        @Bean
        Mnemo mnemo() {
            return Mnemo.ephemeral();
        }
    }
}
