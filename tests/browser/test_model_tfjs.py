"""Les modèles exportés, chargés par TF.js 4.22 dans Chromium, calculent ce que calcule Keras.

Chaque export est prouvé en le chargeant dans TF.js, par le module même de la démo
(``docs/assets/demo/model.js`` : même moteur, WASM d'abord) : même chiffre prédit que Keras sur les 10 000
images de test (au pire 99,95 %, chaque désaccord listé), probabilités à 1e-3 près (le modèle Keras
de ``models/`` porte déjà les poids quantifiés que lit TF.js), et activations des couches que montre
« Ouvrir la boîte » identiques.
"""

import json

import numpy as np
import pytest

from digitlab.demo_model.paths import KINDS, keras_path, tfjs_dir
from digitlab.demo_model.training import to_float
from sitetools.browser import LOAD_MODEL_JS, tfjs_lab

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PREDICT_ALL_JS = """async () => {
  const bytes = new Uint8Array(await (await fetch('test-images.bin')).arrayBuffer());
  const n = bytes.length / 784, batch = 500, probs = [];
  for (let start = 0; start < n; start += batch) {
    const count = Math.min(batch, n - start);
    const out = tf.tidy(() => {
      const x = tf.tensor4d(bytes.subarray(start * 784, (start + count) * 784), [count, 28, 28, 1], 'float32');
      return window.model.predict(x.div(255));
    });
    probs.push(...await out.data());
    out.dispose();
  }
  return probs;
}"""

ACTIVATIONS_JS = """async ([names, pixels]) => {
  const m = window.model;
  const probe = tf.model({inputs: m.inputs, outputs: names.map(n => m.getLayer(n).output)});
  const outs = tf.tidy(() => probe.predict(tf.tensor4d(pixels, [1, 28, 28, 1])));
  const result = {};
  for (let i = 0; i < names.length; i++) {
    result[names[i]] = {shape: outs[i].shape, data: Array.from(await outs[i].data())};
  }
  outs.forEach(t => t.dispose());
  return result;
}"""


@pytest.fixture(scope="module")
def mnist_test(mnist_data):
    _, (x_test, y_test) = mnist_data
    return x_test, y_test


@pytest.fixture(scope="module")
def lab(mnist_test):
    x_test, _ = mnist_test
    with tfjs_lab(extra_files={"test-images.bin": x_test.tobytes()}) as url:
        yield url


def keras_model(kind):
    import tf_keras

    return tf_keras.models.load_model(keras_path(kind), compile=False)


def open_model(browser, lab, kind):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{lab}/index.html")
    backend = page.evaluate(LOAD_MODEL_JS, kind)
    return page, backend, errors


@pytest.mark.parametrize("kind", KINDS)
def test_tfjs_matches_keras_on_all_test_images(browser, lab, mnist_test, kind):
    x_test, y_test = mnist_test
    page, backend, errors = open_model(browser, lab, kind)
    probs_js = np.array(page.evaluate(PREDICT_ALL_JS), dtype=np.float64).reshape(-1, 10)
    page.close()
    probs_py = keras_model(kind).predict(to_float(x_test), batch_size=1000, verbose=0)
    assert not errors, errors
    assert probs_js.shape == (10000, 10)
    top_js, top_py = probs_js.argmax(1), probs_py.argmax(1)
    disagreements = [(int(i), int(top_py[i]), int(top_js[i])) for i in np.flatnonzero(top_js != top_py)]
    # Au pire 5 désaccords sur 10 000 (99,95 %), tous listés dans le message.
    assert len(disagreements) <= 5, f"backend {backend} : (image, Keras, TF.js) {disagreements}"
    max_diff = float(np.abs(probs_js - probs_py).max())
    assert max_diff <= 1e-3, f"backend {backend} : écart de probabilité {max_diff:.2e}"
    # Et le navigateur lit MNIST aussi bien que Python.
    assert abs((top_js == y_test).mean() - (top_py == y_test).mean()) <= 5e-4


def test_inspected_layers_are_readable_and_match_keras(browser, lab, mnist_test):
    """« Ouvrir la boîte » : chaque couche listée dans inspect.json est lisible dans TF.js."""
    import tf_keras

    x_test, _ = mnist_test
    inspect = json.loads((tfjs_dir("cnn") / "inspect.json").read_text(encoding="utf-8"))
    names = [layer["name"] for layer in inspect["layers"]]
    assert {"conv", "pool", "dense"} <= {layer["kind"] for layer in inspect["layers"]}
    image = to_float(x_test[:1])
    page, backend, errors = open_model(browser, lab, "cnn")
    acts_js = page.evaluate(ACTIVATIONS_JS, [names, image.reshape(-1).tolist()])
    page.close()
    model = keras_model("cnn")
    probe = tf_keras.Model(model.inputs, [model.get_layer(n).output for n in names])
    acts_py = probe.predict(image, verbose=0)
    assert not errors, errors
    for name, expected in zip(names, acts_py):
        got = acts_js[name]
        assert tuple(got["shape"]) == expected.shape, name
        np.testing.assert_allclose(np.array(got["data"]).reshape(expected.shape), expected,
                                   atol=2e-3, rtol=1e-3, err_msg=f"{name} ({backend})")
