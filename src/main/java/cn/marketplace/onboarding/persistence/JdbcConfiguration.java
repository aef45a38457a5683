package cn.marketplace.onboarding.persistence;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.config.AbstractJdbcConfiguration;
import org.springframework.data.relational.RelationalManagedTypes;
import org.springframework.data.relational.core.mapping.NamingStrategy;

/**
 * Spring Data JDBC for our tables, with table and column names unquoted in its SQL: the migrations
 * create them unquoted, which H2 stores in upper case and PostgreSQL in lower case, and a quoted name
 * given in a mapping ({@code @Table("offer_release")}) would match only on PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class JdbcConfiguration extends AbstractJdbcConfiguration {

  @Bean
  @Override
  public JdbcMappingContext jdbcMappingContext(Optional<NamingStrategy> namingStrategy,
      JdbcCustomConversions customConversions, RelationalManagedTypes jdbcManagedTypes) {
    JdbcMappingContext context = super.jdbcMappingContext(namingStrategy, customConversions, jdbcManagedTypes);
    context.setForceQuote(false);
    return context;
  }

  @Override
  protected Collection<String> getMappingBasePackages() {
    return List.of("cn.marketplace.onboarding");
  }
}
