package nc.esim.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import nc.esim.infra.postgres.LocalPostgres;

class LocalPostgresTest {

    @Test
    void eachCallGivesANewEmptyDatabaseThatCanBeDropped() throws SQLException {
        LocalPostgres postgres = LocalPostgres.shared();
        String first = postgres.createFreshDatabase("it");
        String second = postgres.createFreshDatabase("it");
        assertThat(first).isNotEqualTo(second);

        try (Connection connection = postgres.connect(first);
             ResultSet tables = connection.createStatement().executeQuery(
                     "select count(*) from information_schema.tables where table_schema = 'public'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }

        postgres.dropDatabase(first);
        postgres.dropDatabase(second);
        assertThatThrownBy(() -> postgres.connect(first).close()).isInstanceOf(SQLException.class);
    }

    @Test
    void refusesDatabaseNamesThatWouldNeedQuoting() {
        assertThatThrownBy(() -> LocalPostgres.shared().recreateDatabase("x; drop database postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
