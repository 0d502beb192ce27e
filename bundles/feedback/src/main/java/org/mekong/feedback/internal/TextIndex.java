package org.mekong.feedback.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.classification.ClassificationResult;
import org.apache.lucene.classification.KNearestNeighborClassifier;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.mekong.core.api.InvalidInputException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The in-memory Lucene index of all feedback items, rebuilt from the database when the plugin
 * starts and updated with every change. It suggests category and field for new text with a
 * k-nearest-neighbour classifier trained on the items staff have classified, finds similar
 * earlier items (duplicates) with More-Like-This, and searches published answers. Text is
 * tokenised, lower-cased and folded to ASCII, so "chuyen doi so" finds "chuyển đổi số".
 */
@Component(service = TextIndex.class)
public class TextIndex {
    /** Very common Vietnamese syllables (folded) that say nothing about the subject. */
    private static final CharArraySet STOP = new CharArraySet(List.of("va", "cua", "cac", "la", "co", "cho", "trong",
            "duoc", "de", "khi", "voi", "nhung", "mot", "nay", "tai", "theo", "tu", "den", "thi", "ve", "da", "se",
            "nhieu", "rat", "cung", "nen", "hay", "o", "bi", "can", "the", "and", "of", "to", "in", "a", "is"), false);
    static final double DUPLICATE_MIN = 0.3;

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream result = new ASCIIFoldingFilter(new LowerCaseFilter(source));
            return new TokenStreamComponents(source, new StopFilter(result, STOP));
        }
    };
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final AtomicBoolean dirty = new AtomicBoolean();

    public TextIndex() {
        try {
            writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Activate
    void activate() {
        // the service fills the index from the database when it starts
    }

    @Deactivate
    void deactivate() throws IOException {
        searchers.close();
        writer.close();
    }

    /** One item as indexed; {@code publicText} (the masked public title and content) only once published. */
    public record Entry(long id, String code, String title, String content, String answer, String category,
            String field, String status, String publicText) {
    }

    /** Adds or replaces an item. */
    public void put(Entry e) {
        Document d = new Document();
        d.add(new StringField("id", Long.toString(e.id()), Store.YES));
        d.add(new StringField("code", e.code(), Store.YES));
        d.add(new TextField("text", e.title() + "\n" + e.content(), Store.YES));
        // the public search sees the public text only, so a masked name or number finds nothing
        if (e.publicText() != null) {
            d.add(new TextField("public", e.publicText() + "\n" + (e.answer() == null ? "" : e.answer()), Store.NO));
        }
        d.add(new StringField("status", e.status(), Store.YES));
        d.add(new StringField("published", Boolean.toString(e.publicText() != null), Store.NO));
        if (e.category() != null) {
            d.add(new StringField("category", e.category(), Store.YES));
            d.add(new StringField("hasCategory", "y", Store.NO));
        }
        if (e.field() != null) {
            d.add(new StringField("field", e.field(), Store.YES));
            d.add(new StringField("hasField", "y", Store.NO));
        }
        try {
            writer.updateDocument(new Term("id", Long.toString(e.id())), d);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        dirty.set(true);
    }

    public void clear() {
        try {
            writer.deleteAll();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        dirty.set(true);
    }

    /** Category and field most likely for the text, with the share of the neighbours' votes; nulls without training data. */
    public Views.Suggestion suggest(String text) {
        return withSearcher(s -> {
            Vote category = classify(s, text, "category", "hasCategory");
            Vote field = classify(s, text, "field", "hasField");
            return new Views.Suggestion(category == null ? null : category.label, category == null ? null : category.share,
                    field == null ? null : field.label, field == null ? null : field.share);
        });
    }

    private record Vote(String label, double share) {
    }

    private Vote classify(IndexSearcher s, String text, String classField, String has) throws IOException {
        if (s.count(new TermQuery(new Term(has, "y"))) == 0) {
            return null;
        }
        KNearestNeighborClassifier knn = new KNearestNeighborClassifier(s.getIndexReader(), null, analyzer,
                new TermQuery(new Term(has, "y")), 7, 1, 1, classField, "text");
        List<ClassificationResult<BytesRef>> classes = knn.getClasses(text);
        if (classes == null || classes.isEmpty()) {
            return null;
        }
        double total = classes.stream().mapToDouble(ClassificationResult::getScore).sum();
        ClassificationResult<BytesRef> best = classes.get(0);
        for (ClassificationResult<BytesRef> c : classes) {
            if (c.getScore() > best.getScore()) {
                best = c;
            }
        }
        double share = total <= 0 ? 0 : best.getScore() / total;
        return new Vote(best.getAssignedClass().utf8ToString(), Math.round(share * 1000) / 1000.0);
    }

    /** A similar earlier item. */
    public record Similar(long id, String code, double similarity) {
    }

    /** Items whose text shares at least {@link #DUPLICATE_MIN} of its words with this text, most similar first. */
    public List<Similar> similar(String text, long excludeId, int max) {
        return withSearcher(s -> {
            MoreLikeThis mlt = new MoreLikeThis(s.getIndexReader());
            mlt.setAnalyzer(analyzer);
            mlt.setFieldNames(new String[] { "text" });
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(1);
            mlt.setMaxQueryTerms(30);
            Query like = mlt.like("text", new StringReader(text));
            BooleanQuery q = new BooleanQuery.Builder().add(like, Occur.MUST)
                    .add(new TermQuery(new Term("id", Long.toString(excludeId))), Occur.MUST_NOT)
                    .add(new TermQuery(new Term("status", Vocab.Status.REJECTED.name())), Occur.MUST_NOT)
                    .add(new TermQuery(new Term("status", Vocab.Status.MERGED.name())), Occur.MUST_NOT).build();
            Set<String> words = words(text);
            List<Similar> out = new ArrayList<>();
            for (ScoreDoc sd : s.search(q, 20).scoreDocs) {
                Document d = s.doc(sd.doc);
                double sim = jaccard(words, words(d.get("text")));
                if (sim >= DUPLICATE_MIN) {
                    out.add(new Similar(Long.parseLong(d.get("id")), d.get("code"), Math.round(sim * 1000) / 1000.0));
                }
            }
            out.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
            return out.size() > max ? out.subList(0, max) : out;
        });
    }

    /**
     * Ids of published items matching the words of {@code q} (all of them), best first. A query
     * Lucene cannot run (too many clauses, unparsable) is the caller's mistake: a 400 naming q.
     */
    public List<Long> searchPublished(String q, int max) {
        return withSearcher(s -> {
            SimpleQueryParser parser = new SimpleQueryParser(analyzer, "public");
            parser.setDefaultOperator(Occur.MUST);
            BooleanQuery query;
            try {
                query = new BooleanQuery.Builder().add(parser.parse(q), Occur.MUST)
                        .add(new TermQuery(new Term("published", "true")), Occur.FILTER).build();
            } catch (BooleanQuery.TooManyClauses | IllegalArgumentException e) {
                throw InvalidInputException.field("q", "cannot be searched for: " + e.getMessage());
            }
            List<Long> ids = new ArrayList<>();
            ScoreDoc[] hits;
            try {
                hits = s.search(query, max).scoreDocs;
            } catch (BooleanQuery.TooManyClauses e) {
                throw InvalidInputException.field("q", "has too many words or wildcard matches to search for");
            }
            for (ScoreDoc sd : hits) {
                ids.add(Long.parseLong(s.doc(sd.doc).get("id")));
            }
            return ids;
        });
    }

    /** The analysed words of a text (folded, without stop words). */
    Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        try (TokenStream ts = analyzer.tokenStream("text", text == null ? "" : text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return (double) both.size() / (a.size() + b.size() - both.size());
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
