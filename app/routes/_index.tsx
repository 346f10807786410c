export default function Index() {
  return <h1>Atelier</h1>;
}
