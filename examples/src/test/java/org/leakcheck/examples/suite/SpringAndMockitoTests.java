package org.leakcheck.examples.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.leakcheck.LeakCheck;
import org.leakcheck.LeakTracker;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The leak check among Spring's TestContext, Mockito and the application's extension: what they
 * hold for the test (the test instance and its injected fields, Mockito's record of calls, JUnit's
 * arguments) is not a leak.
 */
@LeakCheck
@SpringJUnitConfig(SpringAndMockitoTests.AppConfig.class)
@ExtendWith({MockitoExtension.class, EventServerExtension.class})
class SpringAndMockitoTests {

  @Configuration
  static class AppConfig {
    @Bean
    PriceService priceService() {
      return new PriceService(quote -> {});
    }
  }

  @Autowired PriceService prices;

  @Mock Consumer<Object> audit;

  Object lastQuote;

  @Test
  void aQuoteKeptInAFieldOfTheTestIsNotALeak(LeakTracker leaks) {
    lastQuote = leaks.track(prices.quote("tea"), "quote kept by the test");
    assertThat(lastQuote).hasToString("quote for tea");
  }

  @Test
  void aQuoteSeenByAMockIsNotALeak(LeakTracker leaks) {
    PriceService audited = new PriceService(audit);
    leaks.track(audited.quote("coffee"), "quote seen by a mock");
    verify(audit).accept(any());
  }

  @Test
  void aSubscriberOfTheStoppedServerIsNotALeak(EventServer server, LeakTracker leaks) {
    server.subscribe(leaks.track(prices.quote("cocoa"), "subscriber"));
  }

  @ParameterizedTest
  @MethodSource("quotes")
  void aParameterizedArgumentIsNotALeak(Object quote, LeakTracker leaks) {
    leaks.track(quote, "argument");
  }

  static Stream<Arguments> quotes() {
    return Stream.of(Arguments.of(Named.of("a quote", new StringBuilder("quote for milk"))));
  }
}
