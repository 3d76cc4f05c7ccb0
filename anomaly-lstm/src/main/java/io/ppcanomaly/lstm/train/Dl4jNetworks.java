package io.ppcanomaly.lstm.train;

import io.ppcanomaly.lstm.inference.LstmLayer;
import io.ppcanomaly.lstm.inference.LstmNetwork;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DeepLearning4j side of the autoencoder: the network configuration, the copy of its weights into a
 * {@link LstmNetwork}, and the model zip. The only class besides {@link LstmTrainer} that touches ND4J, so that
 * scoring and loading never start the native backend.
 */
public final class Dl4jNetworks {

    /** Layer index of the encoder LSTM. */
    static final int ENCODER = 0;
    /** Layer index of the bottleneck LSTM (wrapped in LastTimeStep). */
    static final int BOTTLENECK = 1;
    /** Layer index of the RepeatVector. */
    static final int REPEAT = 2;
    /** Layer index of the decoder LSTM. */
    static final int DECODER = 3;
    /** Layer index of the RNN output layer. */
    static final int OUTPUT = 4;

    /** Element-wise gradient clip: keeps the first Adam steps from blowing up an LSTM. */
    static final double GRADIENT_CLIP = 1.0;

    private Dl4jNetworks() {
    }

    /**
     * Builds the (uninitialised) configuration: LSTM → LastTimeStep(LSTM) → RepeatVector → LSTM →
     * RnnOutputLayer(identity, MSE), in {@code float}, Xavier initialisation, Adam, no peepholes (DL4J
     * {@code LSTM}, not {@code GravesLSTM}).
     */
    public static MultiLayerConfiguration configuration(int features, int length, int encoder, int bottleneck,
                                                        int decoder, double learningRate, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(learningRate))
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(GRADIENT_CLIP)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list()
                .layer(ENCODER, lstm(features, encoder))
                .layer(BOTTLENECK, new LastTimeStep(lstm(encoder, bottleneck)))
                .layer(REPEAT, new RepeatVector.Builder(length).build())
                .layer(DECODER, lstm(bottleneck, decoder))
                .layer(OUTPUT, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nIn(decoder).nOut(features).build())
                .setInputType(InputType.recurrent(features, length))
                .build();
    }

    private static LSTM lstm(int nIn, int nOut) {
        return new LSTM.Builder().nIn(nIn).nOut(nOut)
                .activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID)
                .build();
    }

    /**
     * Copies the trained weights into a plain-Java network. DL4J keeps each LSTM's input weights
     * {@code "W"} as [nIn, 4·nOut], recurrent weights {@code "RW"} as [nOut, 4·nOut] and bias {@code "b"} as
     * [1, 4·nOut], gates in the order [cell input, forget, output, input gate]; read row-major, they are exactly
     * the layout {@link LstmLayer} takes.
     */
    public static LstmNetwork toNetwork(MultiLayerNetwork net, int length) {
        Map<String, INDArray> p = net.paramTable();
        LstmLayer enc = layer(p, ENCODER);
        LstmLayer bot = layer(p, BOTTLENECK);
        LstmLayer dec = layer(p, DECODER);
        INDArray w = p.get(OUTPUT + "_W");
        return new LstmNetwork(length, enc, bot, dec, rowMajor(w), rowMajor(p.get(OUTPUT + "_b")));
    }

    private static LstmLayer layer(Map<String, INDArray> p, int index) {
        INDArray w = p.get(index + "_W");
        INDArray rw = p.get(index + "_RW");
        INDArray b = p.get(index + "_b");
        if (w == null || rw == null || b == null) {
            throw new IllegalStateException("layer " + index + " must have parameters W, RW and b, got "
                    + p.keySet());
        }
        int nIn = (int) w.size(0);
        int nOut = (int) rw.size(0);
        if (w.size(1) != 4L * nOut || rw.size(1) != 4L * nOut) {
            throw new IllegalStateException("layer " + index + " must be a peephole-free LSTM with W [nIn, 4*nOut] "
                    + "and RW [nOut, 4*nOut], got " + java.util.Arrays.toString(w.shape()) + " and "
                    + java.util.Arrays.toString(rw.shape()));
        }
        return new LstmLayer(nIn, nOut, rowMajor(w), rowMajor(rw), rowMajor(b));
    }

    private static float[] rowMajor(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    /**
     * Limits ND4J's native threads (OpenMP and BLAS) until the returned handle is closed, then restores the
     * previous limits. These limits are process-wide: training runs under them, so nothing else in the JVM
     * should use ND4J concurrently (nothing in this library does).
     */
    static ThreadLimit limitThreads(int threads) {
        Environment env = Nd4j.getEnvironment();
        Blas blas = Nd4j.factory().blas();
        ThreadLimit previous = new ThreadLimit(env.maxThreads(), env.maxMasterThreads(), blas.getMaxThreads());
        env.setMaxThreads(threads);
        env.setMaxMasterThreads(threads);
        blas.setMaxThreads(threads);
        return previous;
    }

    /** The thread limits to restore on {@link #close()}. */
    record ThreadLimit(int maxThreads, int maxMasterThreads, int blasThreads) implements AutoCloseable {
        @Override
        public void close() {
            Environment env = Nd4j.getEnvironment();
            env.setMaxThreads(maxThreads);
            env.setMaxMasterThreads(maxMasterThreads);
            Nd4j.factory().blas().setMaxThreads(blasThreads);
        }
    }

    /** @return the network as DL4J's model zip ({@link ModelSerializer}), without updater state */
    public static byte[] toZip(MultiLayerNetwork net) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, bos, false);
        } catch (IOException e) {
            throw new IllegalStateException("could not serialise the DL4J network to memory", e);
        }
        return bos.toByteArray();
    }

    /**
     * Restores the DL4J network from its model zip. Needs the ND4J native backend; scoring never calls this.
     *
     * @throws IOException when the bytes are not a DL4J model zip
     */
    public static MultiLayerNetwork fromZip(byte[] zip) throws IOException {
        return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), false);
    }
}
