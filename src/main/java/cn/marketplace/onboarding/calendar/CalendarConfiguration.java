package cn.marketplace.onboarding.calendar;

import cn.marketplace.onboarding.config.OperatorPaths;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CalendarConfiguration.class);

  @Bean
  BusinessCalendar businessCalendar(CalendarProperties properties) {
    List<HolidayYear> years = load(properties.holidayFiles());
    log.info("Business calendar: {} holiday year(s) {} in {}", years.size(),
        years.stream().map(HolidayYear::year).sorted().toList(), properties.zone());
    return new BusinessCalendar(properties.zone(), years, properties.workStart(), properties.workEnd());
  }

  static List<HolidayYear> load(List<String> patterns) {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
        .registerModule(new JavaTimeModule())
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    List<HolidayYear> years = new ArrayList<>();
    for (String pattern : patterns) {
      for (Resource file : OperatorPaths.matching(pattern)) {
        try (InputStream in = file.getInputStream()) {
          years.add(yaml.readValue(in, HolidayYear.class));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the holiday file " + file.getDescription(), e);
        }
      }
    }
    return years;
  }
}
