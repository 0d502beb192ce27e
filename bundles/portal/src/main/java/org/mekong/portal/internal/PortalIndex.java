package org.mekong.portal.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The in-memory Lucene index of the published portal content (and nothing else: an item enters
 * when it is published and leaves when it is archived, returned or deleted). Text is tokenised by
 * Lucene's StandardTokenizer, lower-cased and folded to ASCII, so "chuyen doi so" finds
 * "chuyển đổi số" and "Đổi mới" finds "doi moi". Both languages of an item are indexed; titles
 * weigh more than summaries, summaries more than bodies. The portal service fills it from the
 * database when it starts.
 */
@Component(service = PortalIndex.class)
public class PortalIndex {
    private static final java.util.Map<String, Float> FIELDS = java.util.Map.of("title", 4f, "summary", 2f, "meta", 2f,
            "body", 1f);

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream result = new ASCIIFoldingFilter(new LowerCaseFilter(source));
            return new TokenStreamComponents(source, result);
        }
    };
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final AtomicBoolean dirty = new AtomicBoolean();

    /** The searchable text of one published item. */
    record Entry(long id, String kind, String title, String summary, String body, String meta) {
    }

    /** One page of hits: item ids in rank order, and how many matched in all. */
    record Hits(List<Long> ids, long total) {
    }

    public PortalIndex() {
        try {
            writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Deactivate
    void close() throws IOException {
        searchers.close();
        writer.close();
    }

    /** Adds or replaces an item. */
    void put(Entry e) {
        Document d = new Document();
        d.add(new StringField("id", Long.toString(e.id()), Store.YES));
        d.add(new StringField("kind", e.kind(), Store.NO));
        d.add(new TextField("title", nz(e.title()), Store.NO));
        d.add(new TextField("summary", nz(e.summary()), Store.NO));
        d.add(new TextField("body", nz(e.body()), Store.NO));
        d.add(new TextField("meta", nz(e.meta()), Store.NO));
        try {
            writer.updateDocument(new Term("id", Long.toString(e.id())), d);
            writer.commit();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        dirty.set(true);
    }

    /** Removes an item (no-op when absent). */
    void remove(long id) {
        try {
            writer.deleteDocuments(new Term("id", Long.toString(id)));
            writer.commit();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        dirty.set(true);
    }

    /** Empties the index. */
    void clear() {
        try {
            writer.deleteAll();
            writer.commit();
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        dirty.set(true);
    }

    /**
     * Items matching every word of q (SimpleQueryParser syntax: "phrases", -exclusion, prefix*),
     * best first, optionally of one kind.
     */
    Hits search(String q, String kind, int offset, int limit) {
        return withSearcher(s -> {
            SimpleQueryParser parser = new SimpleQueryParser(analyzer, FIELDS);
            parser.setDefaultOperator(Occur.MUST);
            Query text = parser.parse(q);
            BooleanQuery.Builder b = new BooleanQuery.Builder().add(text, Occur.MUST);
            if (kind != null) {
                b.add(new TermQuery(new Term("kind", kind)), Occur.FILTER);
            }
            TopDocs top = s.search(b.build(), Math.max(1, offset + limit));
            List<Long> ids = new ArrayList<>();
            ScoreDoc[] docs = top.scoreDocs;
            for (int i = offset; i < docs.length; i++) {
                ids.add(Long.parseLong(s.doc(docs[i].doc).get("id")));
            }
            return new Hits(ids, top.totalHits.value);
        });
    }

    /** Whether q has any searchable word once analysed. */
    boolean hasWords(String q) {
        try (TokenStream ts = analyzer.tokenStream("title", q)) {
            ts.reset();
            boolean any = ts.incrementToken();
            ts.end();
            return any;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    @FunctionalInterface
    private interface Search<T> {
        T run(IndexSearcher s) throws IOException;
    }

    private <T> T withSearcher(Search<T> work) {
        try {
            if (dirty.getAndSet(false)) {
                searchers.maybeRefreshBlocking();
            }
            IndexSearcher s = searchers.acquire();
            try {
                return work.run(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
