package com.anastig.platform.legal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Legal documents: not tenant data (the same for everyone). */
@RegisterConstructorMapper(LegalDocumentRow.class)
public interface LegalDocumentDao {

    /** The version of each type in force at {@code now}: the newest whose effective time has come. */
    @SqlQuery("SELECT DISTINCT ON (type) * FROM legal_document WHERE effective_at <= :now ORDER BY type, effective_at DESC, published_at DESC")
    List<LegalDocumentRow> current(@Bind("now") Instant now);

    @SqlQuery("SELECT * FROM legal_document WHERE type = :type ORDER BY effective_at DESC, published_at DESC")
    List<LegalDocumentRow> versions(@Bind("type") String type);

    @SqlQuery("SELECT * FROM legal_document WHERE type = :type AND version = :version")
    Optional<LegalDocumentRow> find(@Bind("type") String type, @Bind("version") String version);
}
