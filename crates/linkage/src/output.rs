//! Writing results: the pairs file with each field's weight, and the clusters file.

use std::io::Write;
use std::path::Path;

use crate::cluster::connected_components;
use crate::error::LinkError;
use crate::link::{Linked, Task};

fn create(path: &Path) -> Result<std::io::BufWriter<std::fs::File>, LinkError> {
    let file = std::fs::File::create(path).map_err(|e| LinkError::write(path, e))?;
    Ok(std::io::BufWriter::with_capacity(1 << 20, file))
}

pub(crate) fn write_pairs(path: &Path, task: &Task, linked: &Linked) -> Result<(), LinkError> {
    let fail = |e: std::io::Error| LinkError::write(path, e);
    let mut out = create(path)?;
    let mut header = String::from("left_id,right_id,probability");
    for field in &linked.model.fields {
        header.push_str(",weight_");
        header.push_str(&field.name);
    }
    // The record both match, when the probability counts that path.
    header.push_str(",via_id");
    writeln!(out, "{header}").map_err(fail)?;
    let mut line = String::new();
    for pair in &linked.matches {
        line.clear();
        push_csv_field(&mut line, &task.ids[pair.a as usize]);
        line.push(',');
        push_csv_field(&mut line, &task.ids[pair.b as usize]);
        line.push_str(&format!(",{:.6}", pair.probability));
        for weight in &pair.weights {
            line.push_str(&format!(",{weight:.3}"));
        }
        line.push(',');
        if let Some(via) = pair.via {
            push_csv_field(&mut line, &task.ids[via as usize]);
        }
        line.push('\n');
        out.write_all(line.as_bytes()).map_err(fail)?;
    }
    out.flush().map_err(fail)
}

pub(crate) fn write_clusters(
    path: &Path,
    task: &Task,
    matches: &[crate::link::ScoredPair],
) -> Result<usize, LinkError> {
    let fail = |e: std::io::Error| LinkError::write(path, e);
    let (cluster, count) = connected_components(task.ids.len(), matches.iter().map(|p| (p.a, p.b)));
    let mut out = create(path)?;
    writeln!(out, "record_id,cluster_id").map_err(fail)?;
    let mut line = String::new();
    for (id, cluster) in task.ids.iter().zip(cluster) {
        line.clear();
        push_csv_field(&mut line, id);
        line.push_str(&format!(",{cluster}\n"));
        out.write_all(line.as_bytes()).map_err(fail)?;
    }
    out.flush().map_err(fail)?;
    Ok(count)
}

/// Quotes a value when CSV requires it.
fn push_csv_field(line: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&value.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(value);
    }
}
